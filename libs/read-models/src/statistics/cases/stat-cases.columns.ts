import { recordsetInsert } from './recordset';

// The tables of the statistics of cases as the projection writes them (their DDL: stat-cases.sql).
// Each table's columns are declared here once, with the type json_to_recordset reads them as; its
// statement, the keys its rows are told apart by and the columns compared to find a change are all
// derived from this, and the rows (stat-cases.rows.ts) are typed by it.

interface TableDeclaration {
  name: string;
  /** The primary key. */
  key: readonly string[];
  columns: Readonly<Record<string, string>>;
}

export const STAT_CASE_TABLES = {
  // What a case's state implies now: a row appears, then changes in place.
  cases: {
    name: 'stat_cases',
    key: ['case_id'],
    columns: {
      case_id: 'uuid',
      tenant: 'text',
      person_id: 'uuid',
      gender: 'text',
      age_band: 'text',
      initiating_party: 'text',
      initiating_unit: 'text',
      income_source: 'text',
      target_groups: 'text',
      initiated_on: 'date',
      accepted_on: 'date',
      decided_on: 'date',
      decision: 'text',
      first_insats_on: 'date',
      insats_deadline: 'date',
      status: 'text',
      closed_on: 'date',
      erased_on: 'date',
      closed_at_insats_deadline: 'boolean',
      fu3_due_on: 'date',
      fu3_recorded_on: 'date',
      fu6_due_on: 'date',
      fu6_recorded_on: 'date',
      fu9_due_on: 'date',
      fu9_recorded_on: 'date',
      fu12_due_on: 'date',
      fu12_recorded_on: 'date',
      fu_post_due_on: 'date',
      fu_post_recorded_on: 'date',
    },
  },
  periods: {
    name: 'stat_insats_periods',
    key: ['case_id', 'insats_id'],
    columns: {
      case_id: 'uuid',
      insats_id: 'text',
      tenant: 'text',
      person_id: 'uuid',
      gender: 'text',
      age_band: 'text',
      insats_code: 'text',
      party: 'text',
      started_on: 'date',
      ended_on: 'date',
      end_reason: 'text',
      end_class: 'text',
      subtype: 'text',
      extent_percent: 'integer',
      ended_by: 'text',
    },
  },
  sips: {
    name: 'stat_sips',
    key: ['case_id', 'sip_id'],
    columns: {
      case_id: 'uuid',
      sip_id: 'text',
      tenant: 'text',
      person_id: 'uuid',
      gender: 'text',
      kind: 'text',
      initiator_role: 'text',
      formote: 'boolean',
      status: 'text',
      requested_on: 'date',
      held_on: 'date',
      person_attended: 'boolean',
    },
  },
  // What history keeps although the state forgets it: one row per event, never changed.
  closures: {
    name: 'stat_closures',
    key: ['position'],
    columns: {
      position: 'bigint',
      tenant: 'text',
      case_id: 'uuid',
      person_id: 'uuid',
      gender: 'text',
      age_band: 'text',
      initiated_on: 'date',
      closed_on: 'date',
      outcome: 'text',
      outcome_class: 'text',
      subtype: 'text',
      extent_percent: 'integer',
      survey_offered: 'boolean',
      survey_answered: 'boolean',
      via_consent_withdrawal: 'boolean',
    },
  },
  reopenings: {
    name: 'stat_reopenings',
    key: ['position'],
    columns: {
      position: 'bigint',
      tenant: 'text',
      case_id: 'uuid',
      reopened_on: 'date',
    },
  },
  decisions: {
    name: 'stat_decisions',
    key: ['position'],
    columns: {
      position: 'bigint',
      tenant: 'text',
      case_id: 'uuid',
      gender: 'text',
      decided_on: 'date',
      decision: 'text',
    },
  },
  progress: {
    name: 'stat_progress',
    key: ['position'],
    columns: {
      position: 'bigint',
      tenant: 'text',
      case_id: 'uuid',
      person_id: 'uuid',
      source: 'text',
      insats_id: 'text',
      month: 'text',
      rated_on: 'date',
      step: 'integer',
      vas: 'integer',
    },
  },
  // R14: the post-closure follow-up of a closure the case was reopened from, when it was owed.
  pastFollowUps: {
    name: 'stat_past_follow_ups',
    key: ['position'],
    columns: {
      position: 'bigint',
      tenant: 'text',
      case_id: 'uuid',
      month: 'text',
      due_on: 'date',
      recorded_on: 'date',
    },
  },
} as const satisfies Record<string, TableDeclaration>;

export type StatTable = keyof typeof STAT_CASE_TABLES;
/** The tables of what a case's state implies: upserted when a row changed. */
export const STATE_TABLES = ['cases', 'periods', 'sips'] as const satisfies readonly StatTable[];
export type StateTable = (typeof STATE_TABLES)[number];
/** The tables of what history keeps: appended by event position. */
export type HistoryTable = Exclude<StatTable, StateTable>;

/** A row of `T`: exactly its declared columns. */
export type StatRow<T extends StatTable> = {
  [C in keyof (typeof STAT_CASE_TABLES)[T]['columns']]: unknown;
};

const TABLES = Object.keys(STAT_CASE_TABLES) as StatTable[];

/** The projection's tables, in the order they are declared. */
export const STAT_CASE_TABLE_NAMES: string[] = TABLES.map((t) => STAT_CASE_TABLES[t].name);

const STATE: ReadonlySet<StatTable> = new Set(STATE_TABLES);

/** Each table's statement: a state row is upserted, a history row inserted once. */
export const WRITE: Readonly<Record<StatTable, string>> = Object.fromEntries(
  TABLES.map((t) => {
    const { name, key, columns } = STAT_CASE_TABLES[t];
    return [t, recordsetInsert(name, columns, { keys: [...key], update: STATE.has(t) ? 'all' : 'nothing' })];
  }),
) as Record<StatTable, string>;

/** The primary key of a row of `table`, as one string. */
export function rowKey<T extends StatTable>(table: T, row: StatRow<T>): string {
  const values = row as Record<string, unknown>;
  return STAT_CASE_TABLES[table].key.map((c) => String(values[c])).join('\u0000');
}

/** Whether two rows of `table` hold the same values: codes, dates, numbers and booleans. */
export function sameRow<T extends StatTable>(table: T, a: StatRow<T>, b: StatRow<T>): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const c in STAT_CASE_TABLES[table].columns) if (x[c] !== y[c]) return false;
  return true;
}
