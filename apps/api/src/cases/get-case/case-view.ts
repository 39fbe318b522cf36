import {
  type ExistingCase,
  type TenantSettings,
  caseDeadlines,
  caseParties,
  daysBetween,
} from '@app/case-domain';

/**
 * The case as users read it, built from the folded stream. Sealed fields stay sealed here; the
 * caller opens them for those allowed to read personal data.
 */
export function caseView(state: ExistingCase, version: number, settings: TenantSettings, today: string) {
  const deadlines = caseDeadlines(state, settings).map((d) => ({ ...d, daysLeft: daysBetween(today, d.dueOn) }));
  const noInsatsStarted = Object.keys(state.insatser).length === 0;
  return {
    id: state.caseId,
    version,
    status: state.status,
    initiatingParty: state.initiatingParty,
    initiatingUnit: state.initiatingUnit ?? null,
    otherParties: state.otherParties,
    parties: caseParties(state),
    endedParties: state.endedParties,
    owner: state.owner ?? null,
    person: {
      personId: state.person.personId,
      name: state.person.name,
      personnummer: state.person.personnummer,
      gender: state.person.gender,
      birthDate: state.person.birthDate,
      ageAtInitiation: state.person.ageAtInitiation,
      ageBand: state.person.ageBand,
      protectedIdentity: state.person.protectedIdentity,
      erased: state.personalDataErased,
    },
    consent: state.consent,
    question: state.question,
    needs: state.needs,
    incomeSourceAtEntry: state.incomeSourceAtEntry,
    currentIncomeSource: state.currentIncomeSource,
    targetGroups: state.targetGroups,
    initiatedOn: state.initiatedOn,
    acceptedOn: state.acceptedOn ?? null,
    decision: state.decision ?? null,
    decisions: state.decisions,
    sips: Object.values(state.sips),
    insatser: Object.values(state.insatser),
    followUps: Object.values(state.followUps),
    followUpSchedule: state.followUpSchedule ?? null,
    deadlines: {
      insatsDeadline: state.insatsDeadline,
      // R7: days left of the 90 while no insats has started; negative once passed.
      insatsDaysLeft: noInsatsStarted ? daysBetween(today, state.insatsDeadline) : null,
      insatsDeadlineMissed: state.insatsDeadlineMissed,
      // §10: this closure's retention date came while another case of the person still needed the data.
      retentionHeldOn: state.retentionHeldOn ?? null,
      upcoming: deadlines,
    },
    flags: { ageLimits: state.ageFlags, stagnant: state.stagnationFlaggedFor !== undefined },
    lastActivityOn: state.lastActivityOn,
    closure: state.status === 'CLOSED' || state.status === 'WITHDRAWN' ? (state.closure ?? null) : null,
  };
}
