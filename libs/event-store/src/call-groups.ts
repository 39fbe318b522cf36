import type { SqlClient } from './drivers/sql-client';
import { assertOutsideTransaction } from './drivers/transaction-scope';

/** The most calls one statement carries. */
export const GROUP_MAX = 64;

/**
 * Statements of one kind on their way at once. Calls that come meanwhile wait and then go
 * together: on a server a few at once, so one statement's round trip does not hold the others up;
 * PGlite runs one statement at a time anyway.
 */
export function statementsAtOnce(kind: SqlClient['kind']): number {
  return kind === 'pglite' ? 1 : 2;
}

/** How a statement settles one call of its group. */
export interface Settles<R> {
  resolve: (value: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Calls that may share one statement: a call that comes while `atOnce` statements are on their way
 * waits, and the calls waiting then go together. A statement goes once the requests that arrived
 * with the call have had their turn (`setImmediate`), so calls made for them go together too:
 * embedded, a statement runs to its end on this thread, and without that wait no call would ever
 * find another waiting. Under load, many callers share a round trip and a COMMIT; a call that comes
 * alone goes after the I/O already in hand.
 */
export class CallGroups<T extends Settles<never>> {
  private readonly waiting: T[] = [];
  private running = 0;
  private scheduled = false;

  /**
   * @param atOnce the statements on their way at once
   * @param take removes from `waiting` the calls that can share a statement (oldest first) and returns them
   * @param run sends one statement for `group` and settles every call in it; it never throws
   */
  constructor(
    private readonly atOnce: number,
    private readonly take: (waiting: T[]) => T[],
    private readonly run: (group: T[]) => Promise<void>,
  ) {}

  /**
   * Queues a call; the promise is settled by the statement that carries it. Inside an open
   * transaction it fails at once: the statement runs later, for several callers, outside the
   * caller's turn and its transaction.
   */
  call<R>(fields: Omit<T, keyof Settles<R>>): Promise<R> {
    try {
      assertOutsideTransaction();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ ...fields, resolve, reject } as unknown as T);
      this.schedule();
    });
  }

  /** Looks at the waiting calls again: something a waiting call waited for is done. */
  wake(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.running >= this.atOnce) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.waiting.length > 0 && this.running < this.atOnce) {
        const group = this.take(this.waiting);
        if (group.length === 0) return;
        this.running++;
        void this.run(group)
          .catch(() => undefined)
          .finally(() => {
            this.running--;
            this.schedule();
          });
      }
    });
  }
}

/** Calls that may share statements on a store of `kind`, the oldest GROUP_MAX waiting going together. */
export function sharedStatements<T extends Settles<never>>(
  kind: SqlClient['kind'],
  run: (group: T[]) => Promise<void>,
): CallGroups<T> {
  return new CallGroups<T>(statementsAtOnce(kind), (waiting) => waiting.splice(0, GROUP_MAX), run);
}

/**
 * Takes the oldest waiting calls, at most `max`, none sharing a key with another taken (later calls
 * with the key of one left waiting stay behind it, in order).
 */
export function takeDistinct<T>(waiting: T[], max: number, keyOf: (call: T) => string): T[] {
  const taken: T[] = [];
  const seen = new Set<string>();
  let kept = 0;
  for (const call of waiting) {
    const key = keyOf(call);
    if (taken.length < max && !seen.has(key)) taken.push(call);
    else waiting[kept++] = call;
    seen.add(key);
  }
  waiting.length = kept;
  return taken;
}
