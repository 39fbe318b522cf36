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

/** A stream the decision read (its context) has moved since; nothing was written. */
export class StaleContextError extends Error {
  override readonly name = 'StaleContextError';
  constructor(
    readonly streamId: string,
    readonly read: number,
    readonly actual: number,
  ) {
    super(`stream ${streamId} was read at ${read} but is at ${actual}`);
  }
}
