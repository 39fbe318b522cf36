/**
 * The one port over the two databases: a PostgreSQL server through `pg`, or PGlite embedded.
 * Both speak the same SQL with `$1` parameters; everything above this file is driver-agnostic.
 */
export interface QueryOptions {
  /**
   * The statement is run often with the same text: PostgreSQL parses and plans it once per
   * connection and keeps it (a named prepared statement). Only for fixed SQL texts: each distinct
   * text is kept on every connection of the pool.
   */
  prepare?: boolean;
}

export interface SqlQueryable {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<{ rows: R[]; rowCount: number }>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction on one connection; commits on return, rolls back on throw. Inside
   * it, every statement goes through `tx`: a call on this client instead (a query, another
   * transaction) fails at once with TransactionMisuseError, on both drivers. `name` says in that
   * error whose transaction it was (default: the caller's stack frame).
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>, name?: string): Promise<T>;
  close(): Promise<void>;
}
