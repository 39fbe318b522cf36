export * from './drivers/sql-client';
export * from './drivers/pg-client';
export * from './drivers/pglite-client';
// The KurrentDB store is loaded by openEventStore when configured (its client is large).
export type { KurrentDbOptions } from './drivers/kurrentdb-event-store';
export { TransactionMisuseError, assertOutsideTransaction } from './drivers/transaction-scope';
export * from './errors';
export * from './event-store';
export * from './subscription';
export * from './migrate';
export * from './open-database';
export * from './projection';
export * from './call-groups';
export * from './table-statistics';
export * from './audit-rows';
