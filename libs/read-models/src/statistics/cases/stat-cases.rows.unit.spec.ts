import type { CaseEvent } from '@app/case-domain';
import {
  INITIATED_ON,
  PERSON_ID,
  accepted,
  closedEvent,
  firstInsatsStarted,
  initiated,
} from '../../../../case-domain/src/testing/fixtures';
import { reopenedEvent } from '../../../../case-domain/src/testing/case-history';
import { type CaseSnapshot, NO_CASE, foldCase } from '../../case-fold/case-fold';
import { STAT_CASE_TABLES, type StatTable } from './stat-cases.columns';
import { type HistoryRows, NO_ROWS, historyRows, noHistoryRows, stateRows } from './stat-cases.rows';

// The rows of the statistics of cases, without a database: given a case's events, then the rows
// its state implies and the facts its history adds.

const ID = '22222222-2222-4222-8222-222222222222';
const open = [
  ...initiated({ caseId: ID }),
  accepted(),
  ...firstInsatsStarted('i-1', 'ARBETSKONSULENT', '2025-01-20'),
];
const erased: CaseEvent = {
  type: 'PersonalDataErased',
  data: { personId: PERSON_ID, reason: 'ERASURE_REQUEST', occurredOn: '2025-06-01' },
};

/** Folds `events` (numbered on from `from`), collecting the history rows. */
function fold(events: CaseEvent[], from: CaseSnapshot = NO_CASE) {
  const history: HistoryRows = noHistoryRows();
  const stored = events.map((e, i) => ({
    ...e,
    schemaVersion: 1,
    version: from.version + i + 1,
    position: 100 * (from.version + i + 1),
    tenant: 't',
  }));
  const after = foldCase(from, stored, (step) => historyRows(step, history));
  return { after, history, rows: stateRows('t', after.state, after.history) };
}

const columnsOf = (table: StatTable) => Object.keys(STAT_CASE_TABLES[table].columns).sort();

describe('statistics of cases: rows', () => {
  it('given no case, no rows', () => {
    expect(stateRows('t', NO_CASE.state, NO_CASE.history)).toBe(NO_ROWS);
  });

  it('given an open case with an insats, its row (the follow-ups owed from the first insats) and its period, with exactly their columns', () => {
    const { rows, history } = fold(open);
    const [row] = rows.cases.values();
    expect(row).toMatchObject({
      case_id: ID,
      tenant: 't',
      initiated_on: INITIATED_ON,
      accepted_on: '2025-01-13',
      first_insats_on: '2025-01-20',
      status: 'IN_COORDINATION',
      closed_on: null,
      fu3_due_on: '2025-04-20',
      fu3_recorded_on: null,
      fu_post_due_on: null,
    });
    expect(Object.keys(row).sort()).toEqual(columnsOf('cases'));
    const [period] = rows.periods.values();
    expect(period).toMatchObject({
      insats_id: 'i-1',
      started_on: '2025-01-20',
      ended_on: null,
      ended_by: null,
    });
    expect(Object.keys(period).sort()).toEqual(columnsOf('periods'));
    expect(history).toEqual(noHistoryRows());
  });

  it('given a closure, a closure row by event position; reopened before its follow-up fell due, nothing more', () => {
    const { history } = fold([...open, closedEvent('2025-03-01', 'STUDIER'), reopenedEvent('2025-04-01')]);
    expect(history.closures).toHaveLength(1);
    expect(history.closures[0]).toMatchObject({
      position: 100 * (open.length + 1),
      case_id: ID,
      closed_on: '2025-03-01',
      outcome: 'STUDIER',
      via_consent_withdrawal: false,
    });
    expect(Object.keys(history.closures[0]).sort()).toEqual(columnsOf('closures'));
    expect(history.pastFollowUps).toEqual([]);
  });

  it('R14 given a case reopened after its post-closure follow-up fell due, that follow-up stays as history', () => {
    const { history, rows } = fold([...open, closedEvent('2025-03-01'), reopenedEvent('2026-04-01')]);
    expect(history.pastFollowUps).toEqual([
      {
        position: 100 * (open.length + 2),
        tenant: 't',
        case_id: ID,
        month: 'POST_CLOSURE',
        due_on: '2026-03-01',
        recorded_on: null,
      },
    ]);
    // Open again: the case's own row owes no post-closure follow-up.
    expect([...rows.cases.values()][0]).toMatchObject({ closed_on: null, fu_post_due_on: null });
  });

  it('§10 given an erasure, a running insats is active up to it and ended by it', () => {
    const { rows } = fold([...open, erased]);
    expect([...rows.periods.values()][0]).toMatchObject({
      ended_on: '2025-06-01',
      end_reason: null,
      ended_by: 'PERSONAL_DATA_ERASED',
    });
    expect([...rows.cases.values()][0]).toMatchObject({ erased_on: '2025-06-01' });
  });

  it('keeps the previous rows of insatser and SIPs an event did not touch', () => {
    const before = fold(open);
    const stagnated: CaseEvent = {
      type: 'CaseStagnated',
      data: { lastActivityOn: '2025-01-20', occurredOn: '2025-03-17' },
    };
    const after = fold([stagnated], before.after);
    const rows = stateRows('t', after.after.state, after.after.history, {
      state: before.after.state,
      history: before.after.history,
      rows: before.rows,
    });
    expect(rows.periods).toBe(before.rows.periods);
    expect(rows.sips).toBe(before.rows.sips);
    expect(rows.cases).not.toBe(before.rows.cases);
  });
});
