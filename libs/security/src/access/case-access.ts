import { Inject, Injectable } from '@nestjs/common';
import { type ExistingCase, addDays, caseParties, isOpenCase } from '@app/case-domain';
import { type CallGroups, type Settles, sharedStatements, type SqlClient } from '@app/event-store';
import { CLOCK, type Clock, localDate, APP_CONFIG, type AppConfig, SQL_CLIENT } from '@app/runtime';
import type { Principal } from '../auth/principal';

/** A beredningsgrupp member keeps seeing a case this many days after its decision. */
export const BEREDNING_DAYS_AFTER_DECISION = 30;

/** The case on one meeting's agenda (rm_agenda): decided there on `decidedOn`, or not yet. */
export interface AgendaEntry {
  meetingId: string;
  date: string;
  decidedOn: string | null;
}

/** What the policy needs beyond the case itself. */
export interface AccessFacts {
  /** The tenant's local date. */
  today: string;
  /** The case's agenda entries; only read for callers whose access depends on them (beredning). */
  agenda: AgendaEntry[];
  /**
   * The case's person has skyddade personuppgifter through any of their cases in the tenant (see
   * personProtectedSql), not only this one; only read for callers other than the processledare.
   */
  personProtected: boolean;
}

/** The parties a case names: initiator, others, owner, and those providing its insatser or booked for its SIPs. */
export function involvedParties(state: ExistingCase): string[] {
  const parties = new Set<string>(caseParties(state));
  for (const insats of Object.values(state.insatser)) parties.add(insats.party);
  for (const sip of Object.values(state.sips)) {
    if ('booking' in sip && sip.booking) for (const p of sip.booking.parties) parties.add(p);
  }
  return [...parties];
}

/** The consent lets information be shared with the party (R2): the initiator or a party in its scope. */
export function withinConsent(state: ExistingCase, party: string): boolean {
  return party === state.initiatingParty || (state.consent.scopeParties as string[]).includes(party);
}

/** The caller is the case's ärendebärare: the named user, or a handläggare of the owning party when no user is named. */
export function isCaseOwner(caller: Principal, state: ExistingCase): boolean {
  const owner = state.owner;
  if (!owner || caller.party !== owner.party) return false;
  return owner.user ? owner.user === caller.sub : caller.roles.includes('handlaggare');
}

/**
 * On an agenda now, awaiting its decision while the case is open, or decided there at most
 * BEREDNING_DAYS_AFTER_DECISION days ago. A case closed or withdrawn undecided stays on the agenda
 * until someone takes it off, but there is nothing left for the group to decide.
 */
export function onAgendaInWindow(agenda: AgendaEntry[], today: string, caseOpen: boolean): boolean {
  return agenda.some((a) =>
    a.decidedOn === null ? caseOpen : today <= addDays(a.decidedOn, BEREDNING_DAYS_AFTER_DECISION),
  );
}

/**
 * Who may see (and so act on) a case: the one policy for every route and list (DOMAIN.md §10,
 * issue 6). A case the caller may not see answers 404, as if it did not exist. The caller's
 * tenant is checked where the case is loaded. Roles add up: a caller sees what any of them allows.
 *
 * - processledare: every case of the tenant, skyddade personuppgifter included;
 * - skyddade personuppgifter (of the person, whichever of their cases was marked): otherwise only
 *   the ärendebärare;
 * - handläggare and partner systems: cases their party initiated or is named in (as other party,
 *   owner, insats provider or booked SIP party), within the consent's scope;
 * - beredningsgrupp members: cases on the agenda of a meeting, from the agenda until
 *   BEREDNING_DAYS_AFTER_DECISION days after the decision there (undecided: while the case is
 *   open), within the consent's scope, and never once the consent is withdrawn (R15);
 * - managers and admins: no case data (aggregates and configuration only).
 */
export function canSeeCase(caller: Principal, state: ExistingCase, facts: AccessFacts): boolean {
  const roles = caller.roles;
  if (roles.includes('processledare')) return true;
  if (state.person.protectedIdentity || facts.personProtected) return isCaseOwner(caller, state);
  const party = caller.party;
  if (!party || !withinConsent(state, party)) return false;
  if ((roles.includes('handlaggare') || roles.includes('system')) && involvedParties(state).includes(party))
    return true;
  if (
    roles.includes('beredning') &&
    state.status !== 'WITHDRAWN' &&
    // Open for work as rm_cases.open has it: an erased case is not.
    onAgendaInWindow(facts.agenda, facts.today, isOpenCase(state) && !state.personalDataErased)
  )
    return true;
  return false;
}

/**
 * SQL: the person `personId` (a uuid expression) of the tenant `tenant` has skyddade
 * personuppgifter. Protection is a fact about the person, not one case (DOMAIN.md §10): it holds
 * once any of their cases was initiated protected. The cases read model keeps it per person
 * (rm_cases.protected is set on every case of such a person; see casesProjection), so it is
 * rebuilt from the events like the rest of it, and the events stay the only record of it. A
 * protected initiation is answered only once the cases read model holds it (InitiateCaseHandler),
 * so from its answer on, every read sees the person protected.
 */
export function personProtectedSql(personId: string, tenant: string): string {
  return `EXISTS (SELECT 1 FROM rm_cases pp WHERE pp.tenant = ${tenant} AND pp.person_id = ${personId} AND pp.protected)`;
}

/**
 * canSeeCase as an SQL condition on a row `c` of rm_cases, for lists that cannot fold every case
 * (notifications, webhook delivery). Each part mirrors the line of canSeeCase it is named after;
 * change both together. Parameters are appended to `params`.
 */
export function caseVisibleSql(caller: Principal, today: string, c: string, params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const roles = caller.roles;
  if (roles.includes('processledare')) return 'true';
  const party = caller.party;
  // Without a party the caller is no owner (isCaseOwner) and no party of the case (withinConsent).
  if (!party) return 'false';
  const p = `${param(party)}::text`;
  // isCaseOwner: the named user, or a handläggare of the owning party when no user is named.
  const owner = `(${c}.owner_party = ${p} AND CASE WHEN coalesce(${c}.owner_user, '') <> ''
                   THEN ${c}.owner_user = ${param(caller.sub)}::text ELSE ${roles.includes('handlaggare')} END)`;
  const branches: string[] = [];
  // involvedParties: initiator, others, owner (rm_cases.parties), insats providers, booked SIP parties.
  if (roles.includes('handlaggare') || roles.includes('system'))
    branches.push(`(${p} = ANY (${c}.parties)
      OR EXISTS (SELECT 1 FROM jsonb_each(${c}.state->'insatser') i WHERE i.value->>'party' = ${p})
      OR EXISTS (SELECT 1 FROM jsonb_each(${c}.state->'sips') s WHERE s.value->'booking'->'parties' @> jsonb_build_array(${p})))`);
  // beredning, not withdrawn, onAgendaInWindow: awaiting the decision while open, or decided there
  // at most BEREDNING_DAYS_AFTER_DECISION days ago.
  if (roles.includes('beredning'))
    branches.push(`(${c}.status <> 'WITHDRAWN' AND EXISTS (SELECT 1 FROM rm_agenda a WHERE a.tenant = ${c}.tenant AND a.case_id = ${c}.case_id
      AND CASE WHEN a.decided_on IS NULL THEN ${c}.open ELSE ${param(today)}::date <= a.decided_on + ${BEREDNING_DAYS_AFTER_DECISION} END))`);
  // withinConsent: the initiator or a party in the consent's scope.
  const unprotected = branches.length
    ? `((${c}.initiating_party = ${p} OR ${p} = ANY (${c}.scope_parties)) AND (${branches.join(' OR ')}))`
    : 'false';
  return `(CASE WHEN ${c}.protected THEN ${owner} ELSE ${unprotected} END)`;
}

/** A person's protection asked for, waiting to share a statement. */
interface ProtectedCheck extends Settles<boolean> {
  tenant: string;
  personId: string;
}

/** The caller's access depends on the case's agenda entries. */
function needsAgenda(caller: Principal): boolean {
  return caller.roles.includes('beredning') && !caller.roles.includes('processledare');
}

/** The policy with the facts it needs read from the read models and the clock. */
@Injectable()
export class CaseAccess {
  /** Checks made while others are on their way share one statement (a case write's access check). */
  private readonly protectedChecks: CallGroups<ProtectedCheck>;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.protectedChecks = sharedStatements<ProtectedCheck>(sql.kind, (group) => this.checkProtected(group));
  }

  /**
   * The facts for a case already folded: its person is known, so its stream is not read again.
   * The person's protection is read only when it decides the answer: the policy is asked with the
   * person protected and with the person unprotected, and when both agree (the processledare, the
   * ärendebärare within the consent, a party the case does not name) the read models are not asked.
   */
  private async facts(caller: Principal, state: ExistingCase): Promise<AccessFacts> {
    const today = localDate(this.clock.now(), this.config.timeZone);
    const { tenant } = caller;
    // A beredning member's access depends on the agenda too: both are read at once.
    if (needsAgenda(caller)) {
      const [agenda, personProtected] = await Promise.all([
        this.agenda(tenant, state.caseId),
        this.personProtected(tenant, state.person.personId),
      ]);
      return { today, agenda, personProtected };
    }
    const unprotected: AccessFacts = { today, agenda: [], personProtected: false };
    const isProtected: AccessFacts = { ...unprotected, personProtected: true };
    if (canSeeCase(caller, state, unprotected) === canSeeCase(caller, state, isProtected)) return unprotected;
    return (await this.personProtected(tenant, state.person.personId)) ? isProtected : unprotected;
  }

  /** The person has skyddade personuppgifter through any of their cases (DOMAIN.md §10). */
  personProtected(tenant: string, personId: string): Promise<boolean> {
    return this.protectedChecks.call<boolean>({ tenant, personId });
  }

  /** Settles every check of `group` in one statement; never throws. */
  private async checkProtected(group: ProtectedCheck[]): Promise<void> {
    try {
      const { rows } = await this.sql.query<{ i: number; protected: boolean }>(
        `SELECT x.i, ${personProtectedSql('x.p::uuid', 'x.t')} AS protected
           FROM json_to_recordset($1::json) AS x(i int, t text, p text)`,
        [JSON.stringify(group.map((c, i) => ({ i, t: c.tenant, p: c.personId })))],
        { prepare: true },
      );
      const found = new Map(rows.map((r) => [r.i, r.protected === true]));
      group.forEach((c, i) => c.resolve(found.get(i) ?? false));
    } catch (err) {
      for (const c of group) c.reject(err);
    }
  }

  private async agenda(tenant: string, caseId: string): Promise<AgendaEntry[]> {
    const { rows } = await this.sql.query<{ meeting_id: string; date: string; decided_on: string | null }>(
      `SELECT meeting_id::text AS meeting_id, to_char(date, 'YYYY-MM-DD') AS date, to_char(decided_on, 'YYYY-MM-DD') AS decided_on
         FROM rm_agenda WHERE tenant = $1 AND case_id = $2::uuid`,
      [tenant, caseId],
    );
    return rows.map((r) => ({ meetingId: r.meeting_id, date: r.date, decidedOn: r.decided_on }));
  }

  async canSee(caller: Principal, state: ExistingCase): Promise<boolean> {
    return canSeeCase(caller, state, await this.facts(caller, state));
  }

  /** The caller sees every case of the tenant, so a list needs no per-case filter. */
  seesEveryCase(caller: Principal): boolean {
    return caller.roles.includes('processledare');
  }
}
