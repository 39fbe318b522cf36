import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlClient, SqlQueryable } from './sql-client';

/**
 * Which transaction, if any, the running code is inside. An embedded PGlite database has one
 * session: a statement sent to the database (not to the open transaction) while that transaction
 * is open waits for it to end, and the transaction waits for the statement: the process hangs.
 * On a PostgreSQL server the same code takes a second connection and works, which is how such a
 * call goes unnoticed. So on both drivers it fails at once, naming the caller and the transaction.
 */
interface OpenTransaction {
  name: string;
  open: boolean;
}

const scope = new AsyncLocalStorage<OpenTransaction>();

/** A statement or transaction sent past an open transaction instead of through it. */
export class TransactionMisuseError extends Error {
  override readonly name = 'TransactionMisuseError';
  constructor(
    readonly transaction: string,
    readonly caller: string,
  ) {
    super(
      `${caller} used the database outside the open transaction "${transaction}": ` +
        'inside a transaction every statement goes through it (its tx), or waits until it has ended',
    );
  }
}

const HERE = /[\\/](drivers[\\/](transaction-scope|pg-client|pglite-client)|call-groups)\.[jt]s/;

/**
 * The first frames of the stack outside this driver layer (and the queue of calls sharing
 * statements): the code that made the call, and its caller.
 */
function caller(): string {
  const frames = (new Error().stack ?? '')
    .split('\n')
    .slice(1)
    .filter((f) => /^\s*at /.test(f) && !HERE.test(f) && !f.includes('node:internal') && !f.includes('node_modules'))
    .slice(0, 2)
    .map((f) => f.trim().replace(/^at /, ''));
  return frames.length ? frames.join(' ← ') : 'unknown caller';
}

/** Throws when called inside an open transaction (see TransactionMisuseError). */
export function assertOutsideTransaction(): void {
  const open = scope.getStore();
  if (open?.open) throw new TransactionMisuseError(open.name, caller());
}

/** The name a transaction is known by in errors: the one given, or its opener's stack frame. */
export function transactionName(name?: string): string {
  return name ?? caller();
}

/** Runs `fn` marked as inside the transaction `name`; work it leaves behind is not, once it ends. */
export async function insideTransaction<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const open: OpenTransaction = { name, open: true };
  try {
    return await scope.run(open, fn);
  } finally {
    open.open = false;
  }
}

/**
 * A driver's client with the guard on every call: `base` runs statements outside a transaction,
 * `begin` runs `fn` in a transaction of the driver's own.
 */
export function guardedClient(
  kind: SqlClient['kind'],
  base: SqlQueryable,
  begin: <T>(fn: (tx: SqlQueryable) => Promise<T>) => Promise<T>,
  close: () => Promise<void>,
): SqlClient {
  return {
    kind,
    async query(sql, params, options) {
      assertOutsideTransaction();
      return base.query(sql, params, options);
    },
    async exec(sql) {
      assertOutsideTransaction();
      return base.exec(sql);
    },
    async transaction(fn, name) {
      assertOutsideTransaction();
      const label = transactionName(name);
      return begin((tx) => insideTransaction(label, () => fn(tx)));
    },
    close,
  };
}
