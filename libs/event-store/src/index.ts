export * from './drivers/sql-client';
export * from './drivers/pg-client';
export * from './drivers/pglite-client';
export { TransactionMisuseError } from './drivers/transaction-scope';
export * from './errors';
export * from './event-store';
export * from './subscription';
export * from './migrate';
export * from './open-database';
