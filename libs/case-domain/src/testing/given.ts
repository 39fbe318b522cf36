// given(events).when(command).then(events) / .thenRefuses(rule, code): decider specifications.
// Test support only; nothing in the library imports it.
import type { CommandMeta } from '../actor';
import type { Decider } from '../decider';
import { DomainError, type DomainErrorKind } from '../errors';

export interface Outcome<Event> {
  then(expected: Event[]): void;
  /** The refusal names its rule (undefined for none) and slug; optionally its kind. */
  thenRefuses(rule: string | undefined, code: string, kind?: DomainErrorKind): DomainError;
  /** The events decided, for assertions of a part of them. */
  events(): Event[];
}

export function deciderSpecification<Command, Event, State, Context>(
  decider: Pick<Decider<Command, State, Event, Context>, 'initialState' | 'evolve' | 'decide'>,
  defaults: { ctx: Context; meta: CommandMeta },
) {
  return function given(events: Event[], ctx: Partial<Context> = {}) {
    return {
      when(command: Command, meta: Partial<CommandMeta> = {}): Outcome<Event> {
        const run = () => {
          const state = events.reduce(decider.evolve, decider.initialState());
          return decider.decide(command, state, { ...defaults.ctx, ...ctx }, { ...defaults.meta, ...meta });
        };
        return {
          then(expected) {
            expect(run()).toEqual(expected);
          },
          thenRefuses(rule, code, kind) {
            let error: unknown;
            let produced: Event[] | undefined;
            try {
              produced = run();
            } catch (e) {
              error = e;
            }
            if (!(error instanceof DomainError)) {
              throw new Error(
                `Expected a refusal ${rule ?? ''} ${code}, got ${produced ? JSON.stringify(produced) : String(error)}`,
              );
            }
            expect({ rule: error.rule, code: error.code }).toEqual({ rule, code });
            if (kind) expect(error.kind).toBe(kind);
            return error;
          },
          events: run,
        };
      },
    };
  };
}
