import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { type ExistingCase, addDays, caseParties } from '@app/case-domain';
import type { SqlClient } from '@app/event-store';
import { CLOCK, type Clock, localDate } from '@app/scheduling';
import type { Principal } from '@app/security';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { SQL_CLIENT } from '../database/database.module';

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

/** On an agenda now, or decided there at most BEREDNING_DAYS_AFTER_DECISION days ago. */
export function onAgendaInWindow(agenda: AgendaEntry[], today: string): boolean {
  return agenda.some(
    (a) => a.decidedOn === null || today <= addDays(a.decidedOn, BEREDNING_DAYS_AFTER_DECISION),
  );
}

/**
 * Who may see (and so act on) a case: the one policy for every route and list (DOMAIN.md §10,
 * issue 6). A case the caller may not see answers 404, as if it did not exist. The caller's
 * tenant is checked where the case is loaded. Roles add up: a caller sees what any of them allows.
 *
 * - processledare: every case of the tenant, skyddade personuppgifter included;
 * - skyddade personuppgifter: otherwise only the ärendebärare;
 * - handläggare and partner systems: cases their party initiated or is named in (as other party,
 *   owner, insats provider or booked SIP party), within the consent's scope;
 * - beredningsgrupp members: cases on the agenda of a meeting, from the agenda until
 *   BEREDNING_DAYS_AFTER_DECISION days after the decision there, within the consent's scope;
 * - managers and admins: no case data (aggregates and configuration only).
 */
export function canSeeCase(caller: Principal, state: ExistingCase, facts: AccessFacts): boolean {
  const roles = caller.roles;
  if (roles.includes('processledare')) return true;
  if (state.person.protectedIdentity) return isCaseOwner(caller, state);
  const party = caller.party;
  if (!party || !withinConsent(state, party)) return false;
  if ((roles.includes('handlaggare') || roles.includes('system')) && involvedParties(state).includes(party))
    return true;
  if (roles.includes('beredning') && onAgendaInWindow(facts.agenda, facts.today)) return true;
  return false;
}

/** The caller's access depends on the case's agenda entries. */
function needsAgenda(caller: Principal): boolean {
  return caller.roles.includes('beredning') && !caller.roles.includes('processledare');
}

/** The policy with the facts it needs read from the read models and the clock. */
@Injectable()
export class CaseAccess {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async facts(caller: Principal, caseId: string): Promise<AccessFacts> {
    const today = localDate(this.clock.now(), this.config.timeZone);
    if (!needsAgenda(caller)) return { today, agenda: [] };
    const { rows } = await this.sql.query<{ meeting_id: string; date: string; decided_on: string | null }>(
      `SELECT meeting_id::text AS meeting_id, to_char(date, 'YYYY-MM-DD') AS date, to_char(decided_on, 'YYYY-MM-DD') AS decided_on
         FROM rm_agenda WHERE tenant = $1 AND case_id = $2::uuid`,
      [caller.tenant, caseId],
    );
    return {
      today,
      agenda: rows.map((r) => ({ meetingId: r.meeting_id, date: r.date, decidedOn: r.decided_on })),
    };
  }

  async canSee(caller: Principal, state: ExistingCase): Promise<boolean> {
    return canSeeCase(caller, state, await this.facts(caller, state.caseId));
  }

  /** The caller sees every case of the tenant, so a list needs no per-case filter. */
  seesEveryCase(caller: Principal): boolean {
    return caller.roles.includes('processledare');
  }
}

/** Provides the access policy to every module. */
@Global()
@Module({ providers: [CaseAccess], exports: [CaseAccess] })
export class CaseAccessModule {}
