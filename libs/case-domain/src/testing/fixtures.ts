// Actors, catalogue and event builders shared by the decider specifications.
import type { Actor, CommandMeta } from '../actor';
import { type Outcome, type Party, outcomeClass } from '../codes';
import type { CaseContext, InsatsCatalogue } from '../case/context';
import { decideCase } from '../case/decide';
import type { CaseEvent } from '../case/events';
import { evolveCase } from '../case/evolve';
import { initialCaseState, type CaseState } from '../case/state';
import type { InitiateCase } from '../case/commands/initiate-case';
import type { MeetingState } from '../meeting/state';
import { DEFAULT_TENANT_SETTINGS } from '../settings';
import { followUpDueDates } from '../case/commands/start-insats';
import { deciderSpecification } from './given';

export const CASE_ID = 'case-1';
export const PERSON_ID = '0b6f4a8e-3c1d-4e5f-9a7b-2c3d4e5f6a7b';
export const MEETING_ID = 'meeting-1';
export const INITIATED_ON = '2025-01-10';

export const actors = {
  kommun: { sub: 'u-kommun', roles: ['handlaggare'], party: 'KOMMUN' },
  region: { sub: 'u-region', roles: ['handlaggare'], party: 'REGION' },
  af: { sub: 'u-af', roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN' },
  fk: { sub: 'u-fk', roles: ['handlaggare'], party: 'FORSAKRINGSKASSAN' },
  processledare: { sub: 'u-pl', roles: ['processledare'] },
  beredning: { sub: 'u-ber', roles: ['beredning'], party: 'KOMMUN' },
  scheduler: { sub: 'scheduler', roles: ['system'] },
  partnerSystem: { sub: 'kommun-system', roles: ['system'], party: 'KOMMUN' },
  admin: { sub: 'u-admin', roles: ['admin'] },
  manager: { sub: 'u-manager', roles: ['manager'] },
} satisfies Record<string, Actor>;

export function meta(actor: Actor, today = INITIATED_ON): CommandMeta {
  return { tenant: 'tenant-1', actor, now: `${today}T09:00:00Z`, today };
}

export const catalogue: InsatsCatalogue = {
  AMT_AF: { name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN', active: true },
  PSYKOLOG: { name: 'Psykolog', party: 'REGION', active: true },
  ARBETSKONSULENT: { name: 'Arbetskonsulent', party: 'KOMMUN', active: true },
  FK_STOD: { name: 'FK-stöd', party: 'FORSAKRINGSKASSAN', active: true },
  RETIRED: { name: 'Nedlagd insats', party: 'KOMMUN', active: false },
};

/** Scope KOMMUN, REGION, ARBETSFORMEDLINGEN: FORSAKRINGSKASSAN is outside it. */
export const SCOPE: Party[] = ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN'];

export const ctx: CaseContext = { catalogue, settings: { ...DEFAULT_TENANT_SETTINGS } };

export function initiateCommand(overrides: Partial<InitiateCase> = {}): InitiateCase {
  return {
    type: 'InitiateCase',
    caseId: CASE_ID,
    person: {
      personId: PERSON_ID,
      name: 'sealed:name',
      personnummer: 'sealed:pnr',
      gender: 'KVINNA',
      birthDate: '1990-05-20',
    },
    consent: {
      givenBy: 'PERSON',
      givenOn: '2025-01-08',
      form: 'SKRIFTLIG',
      documentRef: 'sealed:doc',
      scopeParties: SCOPE,
    },
    initiatingParty: 'KOMMUN',
    otherParties: ['ARBETSFORMEDLINGEN'],
    question: 'sealed:question',
    needs: 'sealed:needs',
    incomeSource: 'FORSORJNINGSSTOD',
    targetGroups: ['LANGTIDSBIDRAGSTAGARE'],
    initiatedOn: INITIATED_ON,
    ...overrides,
  };
}

export function initiated(overrides: Partial<InitiateCase> = {}): CaseEvent[] {
  const command = initiateCommand(overrides);
  return decideCase(
    command,
    initialCaseState(),
    ctx,
    meta(actors.kommun, command.initiatedOn ?? INITIATED_ON),
  );
}

/** The case closed on `on` with `outcome`: slutdokumentation made, survey offered, nothing left open. */
export const closedEvent = (on = '2025-09-01', outcome: Outcome = 'ARBETSSOKANDE'): CaseEvent => ({
  type: 'CaseClosed',
  data: {
    outcome,
    outcomeClass: outcomeClass(outcome),
    slutdokumentation: true,
    survey: { offered: true, answered: false },
    endedInsatser: [],
    openSips: [],
    viaConsentWithdrawal: false,
    occurredOn: on,
  },
});

export const accepted = (on = '2025-01-13'): CaseEvent => ({
  type: 'CaseAccepted',
  data: { occurredOn: on },
});

export const decided = (owner: Party = 'ARBETSFORMEDLINGEN', on = '2025-01-21'): CaseEvent => ({
  type: 'DecisionRecorded',
  data: {
    meetingId: MEETING_ID,
    decision: 'FORDJUPAD_SAMORDNING',
    owner: { party: owner },
    recommendedInsatser: [],
    notParticipating: [],
    occurredOn: on,
  },
});

export const insatsStarted = (insatsId: string, code: keyof typeof catalogue, on: string): CaseEvent => ({
  type: 'InsatsStarted',
  data: { insatsId, insatsCode: code, party: catalogue[code].party, occurredOn: on },
});

export const sipRequested = (sipId = 'sip-1', on = '2025-01-22'): CaseEvent => ({
  type: 'SipRequested',
  data: { sipId, initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: true, occurredOn: on },
});

export function fold(events: CaseEvent[]): CaseState {
  return events.reduce(evolveCase, initialCaseState());
}

export function meetingWith(caseIds: string[], date = '2025-01-21'): MeetingState {
  return {
    status: 'SCHEDULED',
    meetingId: MEETING_ID,
    date,
    agenda: caseIds.map((caseId) => ({
      caseId,
      priority: false,
      caseInitiatedOn: INITIATED_ON,
      addedOn: '2025-01-14',
    })),
    members: [],
    guests: [],
    decisions: [],
    movedOut: [],
  };
}

export const given = deciderSpecification(
  { decide: decideCase, evolve: evolveCase, initialState: initialCaseState },
  {
    ctx,
    meta: meta(actors.processledare),
  },
);

/** Meta overrides: who acts, and on which day. */
export function as(actor: Actor, today = INITIATED_ON): Partial<CommandMeta> {
  return { actor, today, now: `${today}T09:00:00Z` };
}

/** The first insats of a case: started, and the follow-ups scheduled from its start (R10). */
export function firstInsatsStarted(insatsId: string, code: keyof typeof catalogue, on: string): CaseEvent[] {
  return [
    insatsStarted(insatsId, code, on),
    {
      type: 'FollowUpsScheduled',
      data: { firstInsatsStartedOn: on, dueDates: followUpDueDates(on), occurredOn: on },
    },
  ];
}
