import {
  type CaseState,
  DEFAULT_TENANT_SETTINGS,
  type TenantSettings,
  caseDeadlines,
  readEvent,
  type CaseHistory,
  fellDueWhileClosed,
} from '@app/case-domain';
import type { EventStore, RecordedEvent, SqlQueryable, Projection } from '@app/event-store';
import { caseFolds } from '../case-fold/case-fold';

/**
 * rm_deadlines: every deadline of every case that has not been recorded yet, with the date it
 * falls due, derived by the domain's own caseDeadlines from the case folded here and the tenant's
 * settings as they stand. A TenantSettingsUpdated moves the due dates of all the tenant's cases.
 * Cases are folded by the shared case fold, which reads no other read model's tables. Each case's
 * fold is also kept in rm_deadline_cases, as it stands at the version applied: a TenantSettingsUpdated
 * recomputes every case of the tenant from it (reading that many case streams back would not do,
 * and in a replay stream by stream only this table knows how far each case has been applied). The
 * settings are kept in rm_deadline_settings, so it never depends on how far another read model has got.
 *
 * Stream-local for a rebuild: a case's fold depends on its own stream only, and its deadlines on
 * the settings as they stand last. Whichever comes first in a stream-by-stream replay, the result
 * is the same: a case replayed before its tenant's settings gets them when the settings event
 * recomputes every case of the tenant; one replayed after reads them from rm_deadline_settings.
 *
 * R13: a scheduled follow-up that fell due while the case was closed, in a period it was then
 * reopened from, is not owed (docs/statistics.md §10). The state forgets the closed period, so
 * the fold keeps a CaseHistory beside it and those follow-ups' deadlines are left out here.
 */
export interface DeadlineRow {
  case_id: string;
  tenant: string;
  kind: string;
  due_on: string;
  case_version: number;
}

/** A case's fold as rm_deadline_cases keeps it. */
interface DeadlineCase {
  case_id: string;
  tenant: string;
  version: number;
  state: CaseState;
  history: CaseHistory;
}

const FOLLOW_UP_KINDS: Record<string, string> = {
  3: 'FOLLOW_UP_3',
  6: 'FOLLOW_UP_6',
  9: 'FOLLOW_UP_9',
  12: 'FOLLOW_UP_12',
};

export function deadlineRows(fold: DeadlineCase, settings: TenantSettings): DeadlineRow[] {
  const notOwed = new Set(
    fold.state.status === 'NONE'
      ? []
      : fellDueWhileClosed(fold.state, fold.history).map((m) => FOLLOW_UP_KINDS[m]),
  );
  return caseDeadlines(fold.state, settings)
    .filter((d) => !notOwed.has(d.kind))
    .map((d) => ({
      case_id: fold.case_id,
      tenant: fold.tenant,
      kind: d.kind,
      due_on: d.dueOn,
      case_version: fold.version,
    }));
}

async function settingsOf(tx: SqlQueryable, tenants: string[]): Promise<Map<string, TenantSettings>> {
  const { rows } = await tx.query<{ tenant: string; settings: TenantSettings }>(
    'SELECT tenant, settings FROM rm_deadline_settings WHERE tenant = ANY($1::text[])',
    [tenants],
  );
  const out = new Map<string, TenantSettings>();
  for (const t of tenants) out.set(t, { ...DEFAULT_TENANT_SETTINGS });
  for (const r of rows) out.set(r.tenant, { ...DEFAULT_TENANT_SETTINGS, ...r.settings });
  return out;
}

async function replaceDeadlines(tx: SqlQueryable, caseIds: string[], rows: DeadlineRow[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.query('DELETE FROM rm_deadlines WHERE case_id = ANY($1::uuid[])', [caseIds]);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO rm_deadlines (case_id, tenant, kind, due_on, case_version)
     SELECT case_id, tenant, kind, due_on, case_version
       FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, tenant text, kind text, due_on date, case_version bigint)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

export const deadlinesProjection: Projection = {
  name: 'deadlines',
  tables: ['rm_deadlines', 'rm_deadline_cases', 'rm_deadline_settings'],
  streamLocal: true,
  accepts: (e) =>
    e.streamId.startsWith('case-') ||
    (e.streamId.startsWith('tenant-') && e.type === 'TenantSettingsUpdated'),
  async apply(events: RecordedEvent[], tx: SqlQueryable, store: EventStore) {
    // Settings first: the deadlines of this batch's cases are computed with the latest ones.
    const settingsChanged = new Map<string, TenantSettings>();
    for (const e of events) {
      if (e.streamId.startsWith('tenant-') && e.type === 'TenantSettingsUpdated') {
        settingsChanged.set(
          e.tenant,
          readEvent<{ type: string; data: { settings: TenantSettings } }>(e).data.settings,
        );
      }
    }
    if (settingsChanged.size > 0) {
      await tx.query(
        `INSERT INTO rm_deadline_settings (tenant, settings)
         SELECT tenant, settings FROM jsonb_to_recordset($1::jsonb) AS x(tenant text, settings jsonb)
         ON CONFLICT (tenant) DO UPDATE SET settings = excluded.settings`,
        [JSON.stringify([...settingsChanged].map(([tenant, settings]) => ({ tenant, settings })))],
      );
    }

    const changed: DeadlineCase[] = [];
    for (const { id, tenant, after } of await caseFolds.fold(events, tx, store)) {
      if (after.state.status !== 'NONE')
        changed.push({
          case_id: id,
          tenant,
          version: after.version,
          state: after.state,
          history: after.history,
        });
    }
    if (changed.length > 0) {
      await tx.query(
        `INSERT INTO rm_deadline_cases (case_id, tenant, version, state, history)
         SELECT case_id, tenant, version, state, history
           FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, tenant text, version bigint, state jsonb, history jsonb)
         ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, state = excluded.state, history = excluded.history`,
        [JSON.stringify(changed)],
      );
    }

    // Every case of a tenant whose settings changed, plus the cases this batch changed.
    const recompute = new Map<string, DeadlineCase>(changed.map((c) => [c.case_id, c]));
    for (const tenant of settingsChanged.keys()) {
      const { rows } = await tx.query<DeadlineCase>(
        'SELECT case_id, tenant, version, state, history FROM rm_deadline_cases WHERE tenant = $1',
        [tenant],
      );
      for (const r of rows) if (!recompute.has(r.case_id)) recompute.set(r.case_id, r);
    }
    if (recompute.size === 0) return;
    const folds = [...recompute.values()];
    const settings = await settingsOf(tx, [...new Set(folds.map((f) => f.tenant))]);
    const rows = folds.flatMap((f) => deadlineRows(f, settings.get(f.tenant)!));
    await replaceDeadlines(
      tx,
      folds.map((f) => f.case_id),
      rows,
    );
  },
};

export interface DueDeadline {
  tenant: string;
  caseId: string;
  kind: string;
  dueOn: string;
  caseVersion: number;
}

/** The deadlines due on or before `today`, oldest first. */
export async function dueDeadlines(db: SqlQueryable, today: string, limit: number): Promise<DueDeadline[]> {
  const { rows } = await db.query<DeadlineRow>(
    `SELECT case_id, tenant, kind, due_on, case_version FROM rm_deadlines
      WHERE due_on <= $1::date ORDER BY due_on, case_id, kind LIMIT $2`,
    [today, limit],
  );
  return rows.map((r) => ({
    tenant: r.tenant,
    caseId: r.case_id,
    kind: r.kind,
    dueOn: r.due_on,
    caseVersion: r.case_version,
  }));
}

/** The case's pending deadlines, soonest first (the case view, tests). */
export async function caseDeadlineRows(
  db: SqlQueryable,
  caseId: string,
): Promise<{ kind: string; dueOn: string }[]> {
  const { rows } = await db.query<DeadlineRow>(
    'SELECT kind, due_on FROM rm_deadlines WHERE case_id = $1 ORDER BY due_on, kind',
    [caseId],
  );
  return rows.map((r) => ({ kind: r.kind, dueOn: r.due_on }));
}

/** A job id per deadline and case version: the same deadline seen by two ticks or two instances is one job. */
export function deadlineJobId(d: Pick<DueDeadline, 'caseId' | 'kind' | 'dueOn' | 'caseVersion'>): string {
  return `deadline-${d.caseId}-${d.kind}-${d.dueOn}-v${d.caseVersion}`;
}
