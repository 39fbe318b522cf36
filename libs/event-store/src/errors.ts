/** The expected version did not match the stream; nothing was written. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} expected at ${String(expected)} but is at ${actual}`);
  }
}

/** `no_stream`: the stream must not exist; a number: the stream's current version; `any`: no check. */
export type ExpectedVersion = 'no_stream' | 'any' | number;
