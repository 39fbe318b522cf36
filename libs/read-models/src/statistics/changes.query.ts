import type { SqlQueryable } from '@app/event-store';

/**
 * Where a tenant's statistics stand: the position at which its rows in each statistics read model
 * last changed (stat_case_changes, stat_volume_changes; 0 before any). Every statistics query reads
 * only those rows, so an answer computed while they stood here is still the answer while they do.
 */
export interface StatisticsVersion {
  cases: number;
  volume: number;
}

export async function statisticsVersion(sql: SqlQueryable, tenant: string): Promise<StatisticsVersion> {
  const { rows } = await sql.query<{ cases: string | number; volume: string | number }>(
    `SELECT coalesce((SELECT position FROM stat_case_changes WHERE tenant = $1), 0) AS cases,
            coalesce((SELECT position FROM stat_volume_changes WHERE tenant = $1), 0) AS volume`,
    [tenant],
  );
  return { cases: Number(rows[0]!.cases), volume: Number(rows[0]!.volume) };
}

/** Whether statistics at `a` have applied everything they had at `b` (positions only grow). */
export const atLeast = (a: StatisticsVersion, b: StatisticsVersion): boolean =>
  a.cases >= b.cases && a.volume >= b.volume;
