let position: number | undefined;

/** Remembers the position the user's last write answered with (read-your-writes). */
export function wrote(answer: { position?: number } | undefined): void {
  if (answer?.position !== undefined) position = Math.max(position ?? 0, answer.position);
}

/** `minPosition` for the queue's reads: they wait until the user's own writes are in the read models. */
export function readAfter(): { minPosition?: number } {
  return position === undefined ? {} : { minPosition: position };
}
