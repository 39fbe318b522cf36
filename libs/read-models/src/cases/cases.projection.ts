import type { EventStore, Projection, SqlQueryable } from '@app/event-store';
import { caseFolds } from '../case-fold/case-fold';
import { type CaseRow, caseRow } from './case-row';

const COLUMNS: (keyof CaseRow)[] = [
  'case_id',
  'tenant',
  'version',
  'position',
  'status',
  'state',
  'history',
  'initiating_party',
  'initiating_unit',
  'parties',
  'scope_parties',
  'owner_party',
  'owner_user',
  'protected',
  'person_id',
  'gender',
  'age_band',
  'open',
  'initiated_on',
  'accepted_on',
  'closed_on',
  'awaiting_decision',
  'has_insats',
  'insats_codes',
  'insats_deadline',
  'next_follow_up_month',
  'next_follow_up_due',
  'sip_pending_on',
  'last_activity_on',
  'consent_valid_until',
  'age_limit_on',
];

const TYPES: Record<keyof CaseRow, string> = {
  case_id: 'uuid',
  tenant: 'text',
  version: 'bigint',
  position: 'bigint',
  status: 'text',
  state: 'jsonb',
  history: 'jsonb',
  initiating_party: 'text',
  initiating_unit: 'text',
  parties: 'text[]',
  scope_parties: 'text[]',
  owner_party: 'text',
  owner_user: 'text',
  protected: 'boolean',
  person_id: 'uuid',
  gender: 'text',
  age_band: 'text',
  open: 'boolean',
  initiated_on: 'date',
  accepted_on: 'date',
  closed_on: 'date',
  awaiting_decision: 'boolean',
  has_insats: 'boolean',
  insats_codes: 'text[]',
  insats_deadline: 'date',
  next_follow_up_month: 'text',
  next_follow_up_due: 'date',
  sip_pending_on: 'date',
  last_activity_on: 'date',
  consent_valid_until: 'date',
  age_limit_on: 'date',
};

// `protected` is the person's, not the case's (DOMAIN.md §10: skyddade personuppgifter are a fact
// about the person): a row is protected when its own case was initiated protected or any other
// case of the same person in the tenant was, and it never goes back. Kept here rather than in the
// persons registry so that it is rebuilt from the events like every other column; the case's own
// flag stays in `state`. Being a monotonic OR over the person's cases, the same rows come out
// whatever order the streams are replayed in, so the projection stays replayable stream by stream.
const PERSON_PROTECTED = `(x.protected OR EXISTS (
    SELECT 1 FROM rm_cases o WHERE o.tenant = x.tenant AND o.person_id = x.person_id AND o.protected))`;

// One statement per batch: every changed case as one row of a JSON document.
const UPSERT = `
  INSERT INTO rm_cases (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.map((c) => (c === 'protected' ? PERSON_PROTECTED : `x.${c}`)).join(', ')}
    FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMNS.map((c) => `${c} ${TYPES[c]}`).join(', ')})
  ON CONFLICT (case_id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'case_id')
    .map((c) =>
      c === 'protected' ? 'protected = rm_cases.protected OR excluded.protected' : `${c} = excluded.${c}`,
    )
    .join(', ')}`;

// A case initiated protected protects the person's other cases already in the read model.
const PROTECT_PERSONS = `
  UPDATE rm_cases SET protected = true
   WHERE NOT protected AND (tenant, person_id) IN (
     SELECT x.tenant, x.person_id FROM jsonb_to_recordset($1::jsonb) AS x(tenant text, person_id uuid) )`;

/**
 * rm_cases: every case folded by the shared case fold, with the columns the queue needs. Each row
 * follows its own stream, but for `protected`, which is shared by the person's cases. The folded
 * `state` and `history` are written as columns because they are this read model's output (the case
 * view and the access policy read them); they are not read back to fold: the fold is the shared one.
 */
export const casesProjection: Projection = {
  name: 'cases',
  tables: ['rm_cases'],
  streamLocal: true,
  accepts: (e) => e.streamId.startsWith('case-'),
  async apply(events, tx: SqlQueryable, store: EventStore) {
    const out: CaseRow[] = [];
    for (const { tenant, after } of await caseFolds.fold(events, tx, store)) {
      const row = caseRow(tenant, after.state, after.history, after.version, after.position);
      if (row) out.push(row);
    }
    if (out.length === 0) return;
    await tx.query(UPSERT, [JSON.stringify(out)]);
    const protectedPersons = out
      .filter((r) => r.protected)
      .map((r) => ({ tenant: r.tenant, person_id: r.person_id }));
    if (protectedPersons.length) await tx.query(PROTECT_PERSONS, [JSON.stringify(protectedPersons)]);
  },
};
