import type { CommandMeta } from './actor';

/**
 * A stream's pure decider: the one shape the write path runs and the specifications test.
 * `decide` refuses with a DomainError; `evolve` never throws.
 */
export interface Decider<Command, State, Event, Context> {
  /** The prefix of the stream's id (`case`, `meeting`, …). */
  streamType: string;
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, ctx: Context, meta: CommandMeta): Event[];
}
