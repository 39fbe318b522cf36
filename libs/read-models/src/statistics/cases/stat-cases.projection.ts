import type { EventStore, Projection, SqlQueryable } from '@app/event-store';
import { CaseFold, type CaseSnapshot, caseFolds } from '../../case-fold/case-fold';
import { changesOf, changesUpsert, statisticsJson } from './recordset';
import {
  STAT_CASE_TABLE_NAMES,
  type StatRow,
  type StatTable,
  type StateTable,
  WRITE,
  sameRow,
} from './stat-cases.columns';
import { type StateRows, TIME_FACTS, historyRows, noHistoryRows, stateRows } from './stat-cases.rows';

// The statistics of cases (docs/statistics.md): each case in a batch is folded by the shared case
// fold, the rows its state implies (stat-cases.rows.ts) are compared with the rows of its state
// before the batch, and only what changed is written, with the facts history keeps, in one
// statement per batch.
//
// No case state is stored: it holds sealed personal data, and statistics tables hold none. The case
// fold keeps states in memory, or reads a case's earlier events back from the store.

/**
 * Every write of a batch as one statement: each (statement, rows) with rows becomes a
 * data-modifying CTE with its own parameter.
 */
async function writeAll(tx: SqlQueryable, writes: [string, unknown[]][]): Promise<void> {
  const used = writes.filter(([, rows]) => rows.length > 0);
  if (used.length === 0) return;
  const ctes = used.map(([sql], i) => `w${i} AS (${sql.replace(/\$1::json\b/g, () => `$${i + 1}::json`)})`);
  await tx.query(
    `WITH ${ctes.join(',\n')} SELECT 1`,
    used.map(([, rows]) => statisticsJson(rows)),
  );
}

/** The rows of `rows` that `old` (what the table holds for the case) lacks or holds otherwise. */
function changed<T extends StateTable>(
  table: T,
  old: Map<string, StatRow<T>>,
  rows: Map<string, StatRow<T>>,
  out: StatRow<T>[],
): void {
  if (rows === old) return;
  // A case never loses its row, an insats or a SIP: rows only appear or change.
  for (const [key, row] of rows) {
    const was = old.get(key);
    if (!was || !sameRow(table, was, row)) out.push(row);
  }
}

const CHANGES = changesUpsert('stat_case_changes');
const isCaseEvent = (e: { streamId: string }) => e.streamId.startsWith('case-');

/**
 * stat_cases (with the follow-ups), stat_insats_periods, stat_sips, stat_closures, stat_progress,
 * and where each tenant's statistics stand (stat_case_changes).
 */
export function createStatisticsCasesProjection(options: { cacheSize?: number } = {}): Projection {
  // The service's read models share one case fold; a test may give this one a cache of its own.
  const folds = options.cacheSize === undefined ? caseFolds : new CaseFold(options.cacheSize);
  // The rows each fold implies: what the tables hold for the case once it is applied.
  const rowsOf = new WeakMap<CaseSnapshot, StateRows>();
  const rowsAt = (tenant: string, s: CaseSnapshot) => rowsOf.get(s) ?? stateRows(tenant, s.state, s.history);
  return {
    name: 'statistics-cases',
    tables: [...STAT_CASE_TABLE_NAMES, 'stat_case_changes'],
    streamLocal: true,
    accepts: isCaseEvent,
    async apply(events, tx: SqlQueryable, store: EventStore) {
      const writes: { [T in StatTable]: StatRow<T>[] } = {
        cases: [],
        periods: [],
        sips: [],
        ...noHistoryRows(),
      };
      const touched = await folds.fold(events, tx, store, (step) => historyRows(step, writes));
      for (const { tenant, events: list, before, after } of touched) {
        const previous = { state: before.state, history: before.history, rows: rowsAt(tenant, before) };
        const rows =
          list.every((e) => TIME_FACTS.has(e.type)) ||
          (after.state === before.state && after.history === before.history)
            ? previous.rows
            : stateRows(tenant, after.state, after.history, previous);
        rowsOf.set(after, rows);
        if (rows === previous.rows) continue;
        changed('cases', previous.rows.cases, rows.cases, writes.cases);
        changed('periods', previous.rows.periods, rows.periods, writes.periods);
        changed('sips', previous.rows.sips, rows.sips, writes.sips);
      }
      await writeAll(tx, [
        ...(Object.keys(WRITE) as StatTable[]).map((t): [string, unknown[]] => [WRITE[t], writes[t]]),
        [CHANGES, changesOf(events, isCaseEvent)],
      ]);
    },
  };
}

export const statisticsCasesProjection: Projection = createStatisticsCasesProjection();
