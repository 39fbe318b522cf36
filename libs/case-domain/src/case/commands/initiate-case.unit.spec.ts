import {
  actors,
  as,
  CASE_ID,
  given,
  initiateCommand,
  initiated,
  PERSON_ID,
  SCOPE,
} from '../../testing/fixtures';

describe('InitiateCase', () => {
  it('records the case with consent, parties, age band and the insats deadline', () => {
    given([])
      .when(initiateCommand(), as(actors.kommun))
      .then([
        {
          type: 'CaseInitiated',
          data: {
            caseId: CASE_ID,
            person: {
              personId: PERSON_ID,
              name: 'sealed:name',
              personnummer: 'sealed:pnr',
              gender: 'KVINNA',
              birthDate: '1990-05-20',
              ageAtInitiation: 34,
              ageBand: '30-39',
              protectedIdentity: false,
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
            initiatedOn: '2025-01-10',
            insatsDeadline: '2025-04-10',
            occurredOn: '2025-01-10',
          },
        },
      ]);
  });

  it('defaults the initiation date to today and accepts a partner system acting for its party', () => {
    const events = given([])
      .when(initiateCommand({ initiatedOn: undefined }), as(actors.partnerSystem, '2025-01-12'))
      .events();
    expect(events[0]).toMatchObject({
      type: 'CaseInitiated',
      data: { initiatedOn: '2025-01-12', occurredOn: '2025-01-12' },
    });
  });

  it('refuses a second initiation of the same case', () => {
    given(initiated())
      .when(initiateCommand(), as(actors.kommun))
      .thenRefuses(undefined, 'case-exists', 'conflict');
  });

  it('R1 only a cooperating party initiates: no open entry for actors without a party', () => {
    given([]).when(initiateCommand(), as(actors.processledare)).thenRefuses('R1', 'no-open-entry', 'rule');
    given([]).when(initiateCommand(), as(actors.scheduler)).thenRefuses('R1', 'no-open-entry');
    given([]).when(initiateCommand(), as(actors.beredning)).thenRefuses('R1', 'no-open-entry');
  });

  it('R1 a party initiates only as itself', () => {
    given([])
      .when(initiateCommand({ initiatingParty: 'REGION', otherParties: ['KOMMUN'] }), as(actors.kommun))
      .thenRefuses('R1', 'not-own-party', 'forbidden');
  });

  it('R2 consent is required', () => {
    given([])
      .when(initiateCommand({ consent: undefined as never }), as(actors.kommun))
      .thenRefuses('R2', 'consent-required', 'rule');
  });

  it('R2 consent must be given on or before the initiation date', () => {
    const command = initiateCommand();
    given([])
      .when({ ...command, consent: { ...command.consent, givenOn: '2025-01-11' } }, as(actors.kommun))
      .thenRefuses('R2', 'consent-required');
  });

  it('R2 a consent that had ended by the initiation date is refused', () => {
    const command = initiateCommand({ initiatedOn: '2025-01-10' });
    given([])
      .when(
        { ...command, consent: { ...command.consent, givenOn: '2025-01-01', validUntil: '2025-01-09' } },
        as(actors.kommun),
      )
      .thenRefuses('R2', 'consent-expired');
  });

  it("R2 every named party must be within the consent's scope", () => {
    given([])
      .when(initiateCommand({ otherParties: ['ARBETSFORMEDLINGEN', 'FORSAKRINGSKASSAN'] }), as(actors.kommun))
      .thenRefuses('R2', 'consent-scope', 'rule');
    const command = initiateCommand();
    given([])
      .when(
        { ...command, consent: { ...command.consent, scopeParties: ['ARBETSFORMEDLINGEN'] } },
        as(actors.kommun),
      )
      .thenRefuses('R2', 'consent-scope');
  });

  it('R3 at least one other party, distinct from the initiator', () => {
    given([])
      .when(initiateCommand({ otherParties: [] }), as(actors.kommun))
      .thenRefuses('R3', 'two-parties-required');
    given([])
      .when(initiateCommand({ otherParties: ['KOMMUN'] }), as(actors.kommun))
      .thenRefuses('R3', 'two-parties-required');
  });

  it('R4 a question and a needs analysis are required', () => {
    given([])
      .when(initiateCommand({ question: '' }), as(actors.kommun))
      .thenRefuses('R4', 'question-and-needs');
    given([])
      .when(initiateCommand({ needs: '  ' }), as(actors.kommun))
      .thenRefuses('R4', 'question-and-needs');
  });

  it('R4 the income source and target-group tags are required and coded', () => {
    given([])
      .when(initiateCommand({ incomeSource: undefined as never }), as(actors.kommun))
      .thenRefuses('R4', 'income-source-required');
    given([])
      .when(initiateCommand({ targetGroups: undefined as never }), as(actors.kommun))
      .thenRefuses('R4', 'target-groups-required');
    const error = given([])
      .when(initiateCommand({ targetGroups: ['NOT_A_GROUP' as never] }), as(actors.kommun))
      .thenRefuses(undefined, 'unknown-code', 'validation');
    expect(error.field).toBe('targetGroups[0]');
  });

  it('R7 records the insats deadline from the tenant setting', () => {
    const events = given([], { settings: defaultsWith(60) })
      .when(initiateCommand(), as(actors.kommun))
      .events();
    expect(events[0]).toMatchObject({ data: { insatsDeadline: '2025-03-11' } });
  });

  it('R9b the initiation date cannot be in the future', () => {
    given([])
      .when(initiateCommand({ initiatedOn: '2025-01-11' }), as(actors.kommun))
      .thenRefuses('R9b', 'business-date-in-future', 'rule');
  });

  it('R17 a person outside 16–64 is flagged, not refused', () => {
    const command = initiateCommand();
    const events = given([])
      .when({ ...command, person: { ...command.person, birthDate: '1959-06-01' } }, as(actors.kommun))
      .events();
    expect(events.map((e) => e.type)).toEqual(['CaseInitiated', 'AgeLimitFlagged']);
    expect(events[0]).toMatchObject({ data: { person: { ageBand: '65+', ageAtInitiation: 65 } } });
    expect(events[1]).toEqual({
      type: 'AgeLimitFlagged',
      data: { reason: 'OUTSIDE_16_64', age: 65, occurredOn: '2025-01-10' },
    });
  });

  it('R17 a person approaching 30 on aktivitetsersättning is flagged at initiation', () => {
    const command = initiateCommand({ incomeSource: 'AKTIVITETSERSATTNING' });
    const events = given([])
      .when({ ...command, person: { ...command.person, birthDate: '1995-05-01' } }, as(actors.kommun))
      .events();
    expect(events[1]).toEqual({
      type: 'AgeLimitFlagged',
      data: { reason: 'APPROACHING_30_AKTIVITETSERSATTNING', age: 29, occurredOn: '2025-01-10' },
    });
    // Further from 30: no flag yet (the scheduler raises it later).
    const younger = given([])
      .when({ ...command, person: { ...command.person, birthDate: '1996-01-01' } }, as(actors.kommun))
      .events();
    expect(younger.map((e) => e.type)).toEqual(['CaseInitiated']);
  });

  it('refuses malformed person data', () => {
    const command = initiateCommand();
    given([])
      .when({ ...command, person: { ...command.person, personId: 'nope' } }, as(actors.kommun))
      .thenRefuses(undefined, 'invalid-id', 'validation');
    given([])
      .when({ ...command, person: { ...command.person, birthDate: '1990-02-30' } }, as(actors.kommun))
      .thenRefuses(undefined, 'invalid-date', 'validation');
    given([])
      .when({ ...command, person: { ...command.person, gender: 'X' as never } }, as(actors.kommun))
      .thenRefuses(undefined, 'unknown-code', 'validation');
  });

  it('checks the initiating unit against the configured units when given', () => {
    given([], { units: { KOMMUN: ['EKB'] } })
      .when(initiateCommand({ initiatingUnit: 'VUXPSYK' }), as(actors.kommun))
      .thenRefuses(undefined, 'unknown-unit', 'validation');
    const events = given([], { units: { KOMMUN: ['EKB'] } })
      .when(initiateCommand({ initiatingUnit: 'EKB' }), as(actors.kommun))
      .events();
    expect(events[0]).toMatchObject({ data: { initiatingUnit: 'EKB' } });
  });
});

function defaultsWith(insatsDeadlineDays: number) {
  return {
    retentionMonths: 24,
    stagnationWeeks: 8,
    insatsDeadlineDays,
    followUpGraceDays: 14,
    consentExpiringDays: 30,
  };
}
