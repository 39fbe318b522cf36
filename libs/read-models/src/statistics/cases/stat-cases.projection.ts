import {
  type CaseEvent,
  type CaseState,
  type ExistingCase,
  type InsatsFact,
  POST_CLOSURE_MONTHS,
  type SipFact,
  addMonths,
  caseEndedOn,
  outcomeClass,
  type CaseHistory,
  closedThenReopened,
  followUpOwedBy,
  scheduledFollowUpOwed,
} from '@app/case-domain';
import type { Projection, RecordedEvent, SqlQueryable } from '@app/event-store';
import { CaseFold, type CaseSnapshot, caseFolds } from '../../case-fold/case-fold';
import { recordsetInsert, statisticsJson } from './recordset';

// The statistics of cases (docs/statistics.md). Each case in a batch is folded by the shared case
// fold; the rows its state implies (the case with its follow-ups, its insats periods, its SIPs)
// are compared with the rows of its state before the batch, and only what changed is written, in
// one statement per batch. Facts that history keeps although the state forgets them (every closure
// of a reopened case, every progression rating, the post-closure follow-up of a closure the case
// was reopened from) are appended by event position. Beside the state, each case's CaseHistory
// (the closed periods it was reopened from, the day it was erased) decides which follow-ups it owes.
//
// No case state is stored: it holds sealed personal data, and statistics tables hold none. The
// case fold keeps states in memory, or reads a case's earlier events back from the store.

type Row = Record<string, unknown>;
type Table = 'cases' | 'periods' | 'sips';
const TABLES: readonly Table[] = ['cases', 'periods', 'sips'];

/**
 * The scheduler's facts about the passing of time (a follow-up fell due, a case stagnated, …) only
 * set flags no figure reads (docs/statistics.md counts from business dates): they leave the rows be.
 */
const TIME_FACTS: ReadonlySet<string> = new Set([
  'AgeLimitFlagged',
  'InsatsDeadlineMissed',
  'FollowUpBecameDue',
  'FollowUpOverdue',
  'ConsentExpired',
  'CaseStagnated',
  'RetentionHeld',
]);

const CASE_TYPES = {
  case_id: 'uuid',
  tenant: 'text',
  person_id: 'uuid',
  gender: 'text',
  age_band: 'text',
  initiating_party: 'text',
  initiating_unit: 'text',
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
};
const PERIOD_TYPES = {
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
};
const SIP_TYPES = {
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
};
const UPSERT: Record<Table, string> = {
  cases: recordsetInsert('stat_cases', CASE_TYPES, { keys: ['case_id'], update: 'all' }),
  periods: recordsetInsert('stat_insats_periods', PERIOD_TYPES, {
    keys: ['case_id', 'insats_id'],
    update: 'all',
  }),
  sips: recordsetInsert('stat_sips', SIP_TYPES, { keys: ['case_id', 'sip_id'], update: 'all' }),
};

const CLOSURES = recordsetInsert(
  'stat_closures',
  {
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
    via_consent_withdrawal: 'boolean',
  },
  { keys: ['position'], update: 'nothing' },
);

// R14: the post-closure follow-up of a closure the case was reopened from, when it was owed.
const PAST_FOLLOW_UPS = recordsetInsert(
  'stat_past_follow_ups',
  {
    position: 'bigint',
    tenant: 'text',
    case_id: 'uuid',
    month: 'text',
    due_on: 'date',
    recorded_on: 'date',
  },
  { keys: ['position'], update: 'nothing' },
);

const PROGRESS = recordsetInsert(
  'stat_progress',
  {
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
  { keys: ['position'], update: 'nothing' },
);

/** Whether the case was closed on `day`: closed then (or before) and not reopened by then (R13). */
function closedOnDay(state: ExistingCase, history: CaseHistory, day: string): boolean {
  const ended = caseEndedOn(state);
  return (ended !== null && ended <= day) || closedThenReopened(history, day);
}

/** The post-closure follow-up of a closed case (R14): its due date, and whether it is owed. */
function postClosureDue(state: ExistingCase, history: CaseHistory): string | null {
  // A consent withdrawn after the closure keeps the closure (and the day the case ended, §10).
  const closure = state.status === 'CLOSED' || state.status === 'WITHDRAWN' ? state.closure : undefined;
  if (!closure) return null;
  const due = addMonths(closure.closedOn, POST_CLOSURE_MONTHS);
  // R15: nothing may be recorded after a withdrawal; what fell due before it stays owed.
  if (state.status === 'WITHDRAWN' && due > state.withdrawnOn) return null;
  return followUpOwedBy(state, history, due) ? due : null;
}

/** The facts an event adds to history: a closure, a progression rating, a reopened closure's follow-up. */
function historyRows(
  e: RecordedEvent,
  event: CaseEvent,
  was: CaseState,
  state: ExistingCase,
  history: CaseHistory,
  out: { closures: Row[]; progress: Row[]; pastFollowUps: Row[] },
): void {
  const { closures, progress } = out;
  const position = e.position;
  const tenant = e.tenant;
  const caseId = state.caseId;
  const personId = state.person.personId;
  switch (event.type) {
    case 'CaseReopened': {
      // The state forgets the closure and its post-closure follow-up: it stays owed if it was
      // recorded or fell due before the reopening (R13 does not rewrite the closed period).
      if (was.status !== 'CLOSED') return;
      const recorded = was.followUps.POST_CLOSURE;
      const due = recorded?.dueOn ?? postClosureDue(was, history);
      if (due === null || (!recorded && due >= event.data.occurredOn)) return;
      out.pastFollowUps.push({
        position,
        tenant,
        case_id: caseId,
        month: 'POST_CLOSURE',
        due_on: due,
        recorded_on: recorded?.recordedOn ?? null,
      });
      return;
    }
    case 'CaseClosed': {
      const d = event.data;
      closures.push({
        position,
        tenant,
        case_id: caseId,
        person_id: personId,
        gender: state.person.gender,
        age_band: state.person.ageBand,
        initiated_on: state.initiatedOn,
        closed_on: d.occurredOn,
        outcome: d.outcome,
        outcome_class: d.outcomeClass,
        subtype: d.subtype ?? null,
        via_consent_withdrawal: d.viaConsentWithdrawal,
      });
      if (d.step !== undefined || d.vas !== undefined) {
        progress.push({
          position,
          tenant,
          case_id: caseId,
          person_id: personId,
          source: 'CLOSURE',
          insats_id: null,
          month: null,
          rated_on: d.occurredOn,
          step: d.step ?? null,
          vas: d.vas ?? null,
        });
      }
      return;
    }
    case 'InsatsStarted': {
      const d = event.data;
      if (d.step !== undefined || d.vas !== undefined) {
        progress.push({
          position,
          tenant,
          case_id: caseId,
          person_id: personId,
          source: 'INSATS_START',
          insats_id: d.insatsId,
          month: null,
          rated_on: d.occurredOn,
          step: d.step ?? null,
          vas: d.vas ?? null,
        });
      }
      return;
    }
    case 'FollowUpRecorded': {
      const d = event.data;
      progress.push({
        position,
        tenant,
        case_id: caseId,
        person_id: personId,
        source: 'FOLLOW_UP',
        insats_id: null,
        month: String(d.month),
        rated_on: d.occurredOn,
        step: d.step,
        vas: d.vas ?? null,
      });
      return;
    }
    default:
      return;
  }
}

/** The first substantive beredning decision (FORDJUPAD / EJ_FORDJUPAD_SAMORDNING). */
function firstDecision(state: ExistingCase) {
  for (const d of state.decisions)
    if (d.decision === 'FORDJUPAD_SAMORDNING' || d.decision === 'EJ_FORDJUPAD_SAMORDNING') return d;
  return undefined;
}

/**
 * The case's row: its dates, and when each follow-up falls due and was recorded (R10: counted from
 * the first insats; R14: a year after closure, owed once closed). A follow-up not recorded has a
 * due date only while it is owed (followUpOwedBy, scheduledFollowUpOwed; docs/statistics.md §10).
 */
function caseRow(tenant: string, state: ExistingCase, history: CaseHistory, insatser: InsatsFact[]): Row {
  const decided = firstDecision(state);
  let firstInsats: string | null = null;
  for (const i of insatser) if (firstInsats === null || i.startedOn < firstInsats) firstInsats = i.startedOn;
  const f = state.followUps;
  const owed = (date: string | undefined) =>
    date && scheduledFollowUpOwed(state, history, date) ? date : null;
  const due = state.followUpSchedule?.dueDates;
  const post = f.POST_CLOSURE;
  return {
    case_id: state.caseId,
    tenant,
    person_id: state.person.personId,
    gender: state.person.gender,
    age_band: state.person.ageBand,
    initiating_party: state.initiatingParty,
    initiating_unit: state.initiatingUnit ?? null,
    initiated_on: state.initiatedOn,
    accepted_on: state.acceptedOn ?? null,
    decided_on: decided?.decidedOn ?? null,
    decision: decided?.decision ?? null,
    first_insats_on: firstInsats,
    insats_deadline: state.insatsDeadline,
    status: state.status,
    closed_on: caseEndedOn(state),
    erased_on: history.erasedOn ?? null,
    closed_at_insats_deadline: closedOnDay(state, history, state.insatsDeadline),
    fu3_due_on: f[3]?.dueOn ?? owed(due?.[3]),
    fu3_recorded_on: f[3]?.recordedOn ?? null,
    fu6_due_on: f[6]?.dueOn ?? owed(due?.[6]),
    fu6_recorded_on: f[6]?.recordedOn ?? null,
    fu9_due_on: f[9]?.dueOn ?? owed(due?.[9]),
    fu9_recorded_on: f[9]?.recordedOn ?? null,
    fu12_due_on: f[12]?.dueOn ?? owed(due?.[12]),
    fu12_recorded_on: f[12]?.recordedOn ?? null,
    fu_post_due_on: post?.dueOn ?? postClosureDue(state, history),
    fu_post_recorded_on: post?.recordedOn ?? null,
  };
}

/**
 * An insats still running when the case's personal data was erased is active up to the erasure and
 * not after (§10: nothing happens on the case then); it ended without an outcome (ended_by
 * PERSONAL_DATA_ERASED), so it is not among the avslutade (docs/statistics.md §3).
 */
function periodRow(tenant: string, state: ExistingCase, history: CaseHistory, i: InsatsFact): Row {
  const ended = i.ended;
  const erasedOn = ended ? undefined : history.erasedOn;
  return {
    case_id: state.caseId,
    insats_id: i.insatsId,
    tenant,
    person_id: state.person.personId,
    gender: state.person.gender,
    age_band: state.person.ageBand,
    insats_code: i.insatsCode,
    party: i.party,
    started_on: i.startedOn,
    ended_on: ended ? ended.endedOn : (erasedOn ?? null),
    end_reason: ended ? ended.reason : null,
    end_class: ended ? outcomeClass(ended.reason) : null,
    subtype: ended?.subtype ?? null,
    extent_percent: ended?.extentPercent ?? null,
    ended_by: ended ? ended.endedBy : erasedOn !== undefined ? 'PERSONAL_DATA_ERASED' : null,
  };
}

function sipRow(tenant: string, state: ExistingCase, s: SipFact): Row {
  const held = s.status === 'HELD';
  return {
    case_id: state.caseId,
    sip_id: s.sipId,
    tenant,
    person_id: state.person.personId,
    gender: state.person.gender,
    kind: s.kind,
    initiator_role: s.initiatorRole,
    formote: s.formote,
    status: s.status,
    requested_on: s.requestedOn,
    held_on: held ? s.heldOn : null,
    person_attended: held ? s.personAttended : null,
  };
}

type StateRows = Record<Table, Map<string, Row>>;
const NO_ROWS: StateRows = { cases: new Map(), periods: new Map(), sips: new Map() };

/**
 * The rows a case's state implies, keyed by primary key. evolve shares what an event did not
 * change, so insatser or SIPs that are the very same objects as before keep their previous rows.
 */
function stateRows(
  tenant: string,
  state: CaseState,
  history: CaseHistory,
  previous?: { state: CaseState; history: CaseHistory; rows: StateRows },
): StateRows {
  if (state.status === 'NONE') return NO_ROWS;
  const was = previous && previous.state.status !== 'NONE' ? previous.state : undefined;
  const insatser = Object.values(state.insatser);
  const cases = new Map<string, Row>([[state.caseId, caseRow(tenant, state, history, insatser)]]);
  const same = was && was.insatser === state.insatser && previous!.history.erasedOn === history.erasedOn;
  let periods = same ? previous!.rows.periods : undefined;
  if (!periods) {
    periods = new Map();
    for (const i of insatser) periods.set(i.insatsId, periodRow(tenant, state, history, i));
  }
  let sips = was && was.sips === state.sips ? previous!.rows.sips : undefined;
  if (!sips) {
    sips = new Map();
    for (const sip of Object.values(state.sips)) sips.set(sip.sipId, sipRow(tenant, state, sip));
  }
  return { cases, periods, sips };
}

/**
 * Every write of a batch as one statement: each (statement, rows) with rows becomes a
 * data-modifying CTE with its own parameter.
 */
async function writeAll(tx: SqlQueryable, writes: [string, Row[]][]): Promise<void> {
  const used = writes.filter(([, rows]) => rows.length > 0);
  if (used.length === 0) return;
  const ctes = used.map(([sql], i) => `w${i} AS (${sql.replace(/\$1::json\b/g, () => `$${i + 1}::json`)})`);
  await tx.query(
    `WITH ${ctes.join(',\n')} SELECT 1`,
    used.map(([, rows]) => statisticsJson(rows)),
  );
}

/** Rows are flat records of codes, dates, numbers and booleans, with their keys in a fixed order. */
function sameRow(a: Row, b: Row): boolean {
  for (const key in b) if (a[key] !== b[key]) return false;
  return true;
}

/** stat_cases (with the follow-ups), stat_insats_periods, stat_sips, stat_closures, stat_progress. */
export function createStatisticsCasesProjection(options: { cacheSize?: number } = {}): Projection {
  // The service's read models share one case fold; a test may give this one a cache of its own.
  const folds = options.cacheSize === undefined ? caseFolds : new CaseFold(options.cacheSize);
  // The rows each fold implies, as the tables hold them once it is applied.
  const rowsOf = new WeakMap<CaseSnapshot, StateRows>();
  const rowsAt = (tenant: string, s: CaseSnapshot) => rowsOf.get(s) ?? stateRows(tenant, s.state, s.history);
  return {
    name: 'statistics-cases',
    tables: [
      'stat_cases',
      'stat_insats_periods',
      'stat_sips',
      'stat_closures',
      'stat_progress',
      'stat_past_follow_ups',
    ],
    streamLocal: true,
    accepts: (e) => e.streamId.startsWith('case-'),
    async apply(events, tx: SqlQueryable) {
      const history = { closures: [] as Row[], progress: [] as Row[], pastFollowUps: [] as Row[] };
      const touched = await folds.fold(events, tx, (s) => {
        if (s.state.status !== 'NONE') historyRows(s.recorded, s.event, s.was, s.state, s.history, history);
      });
      const upserts: Record<Table, Row[]> = { cases: [], periods: [], sips: [] };
      for (const { tenant, events: list, before, after } of touched) {
        const previous = { state: before.state, history: before.history, rows: rowsAt(tenant, before) };
        const rows =
          list.every((e) => TIME_FACTS.has(e.type)) ||
          (after.state === before.state && after.history === before.history)
            ? previous.rows
            : stateRows(tenant, after.state, after.history, previous);
        rowsOf.set(after, rows);
        if (rows === previous.rows) continue;
        for (const table of TABLES) {
          const old = previous.rows[table];
          if (rows[table] === old) continue;
          // A case never loses its row, an insats or a SIP: rows only appear or change.
          for (const [key, row] of rows[table]) {
            const was = old.get(key);
            if (!was || !sameRow(was, row)) upserts[table].push(row);
          }
        }
      }
      await writeAll(tx, [
        ...TABLES.map((table): [string, Row[]] => [UPSERT[table], upserts[table]]),
        [CLOSURES, history.closures],
        [PROGRESS, history.progress],
        [PAST_FOLLOW_UPS, history.pastFollowUps],
      ]);
    },
  };
}

export const statisticsCasesProjection: Projection = createStatisticsCasesProjection();
