import {
  accepted,
  actors,
  as,
  ctx,
  decided,
  firstInsatsStarted,
  fold,
  given,
  initiated,
  initiateCommand,
  insatsStarted,
  PERSON_ID,
  closedEvent,
} from '../testing/fixtures';
import type { DeadlineKind } from '../codes';
import type { CaseEvent } from './events';
import { caseDeadlines } from './deadlines';

const reached = (deadline: DeadlineKind, dueOn: string) =>
  ({ type: 'RecordDeadlineReached', deadline, dueOn }) as const;
const system = (today: string) => as(actors.scheduler, today);
const acceptedCase = [...initiated(), accepted()];
const coordinated = [...acceptedCase, decided(), ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01')];

/** The case closed on 2025-09-01 (moved away). */
const closed = closedEvent('2025-09-01', 'FLYTT');

describe('deadlines', () => {
  it('R7 passing the insats deadline without a started insats records a visible miss', () => {
    // Initiated 2025-01-10: the deadline is 2025-04-10; the miss is a fact from the 11th.
    given(acceptedCase)
      .when(reached('INSATS_DEADLINE', '2025-04-11'), system('2025-04-11'))
      .then([
        { type: 'InsatsDeadlineMissed', data: { insatsDeadline: '2025-04-10', occurredOn: '2025-04-11' } },
      ]);
    given(acceptedCase).when(reached('INSATS_DEADLINE', '2025-04-10'), system('2025-04-10')).then([]);
    given([...acceptedCase, ...firstInsatsStarted('i1', 'AMT_AF', '2025-04-10')])
      .when(reached('INSATS_DEADLINE', '2025-04-11'), system('2025-04-11'))
      .then([]);
  });

  it('deadline idempotency: the same deadline recorded twice yields no second event', () => {
    const first = given(acceptedCase)
      .when(reached('INSATS_DEADLINE', '2025-04-11'), system('2025-04-11'))
      .events();
    expect(first).toHaveLength(1);
    given([...acceptedCase, ...first])
      .when(reached('INSATS_DEADLINE', '2025-04-11'), system('2025-04-12'))
      .then([]);
    const due = given(coordinated).when(reached('FOLLOW_UP_3', '2025-05-01'), system('2025-05-01')).events();
    given([...coordinated, ...due])
      .when(reached('FOLLOW_UP_3', '2025-05-01'), system('2025-05-01'))
      .then([]);
  });

  it('R10 a follow-up becomes due on its date and overdue after the grace days', () => {
    given(coordinated)
      .when(reached('FOLLOW_UP_3', '2025-05-01'), system('2025-05-01'))
      .then([
        { type: 'FollowUpBecameDue', data: { month: 3, dueOn: '2025-05-01', occurredOn: '2025-05-01' } },
      ]);
    const due: CaseEvent = {
      type: 'FollowUpBecameDue',
      data: { month: 3, dueOn: '2025-05-01', occurredOn: '2025-05-01' },
    };
    given([...coordinated, due])
      .when(reached('FOLLOW_UP_3', '2025-05-15'), system('2025-05-15'))
      .then([]);
    given([...coordinated, due])
      .when(reached('FOLLOW_UP_3', '2025-05-16'), system('2025-05-16'))
      .then([{ type: 'FollowUpOverdue', data: { month: 3, dueOn: '2025-05-01', occurredOn: '2025-05-16' } }]);
    // A late scheduler records both facts at once, in order.
    expect(
      given(coordinated)
        .when(reached('FOLLOW_UP_3', '2025-05-01'), system('2025-06-01'))
        .events()
        .map((e) => e.type),
    ).toEqual(['FollowUpBecameDue', 'FollowUpOverdue']);
    // A recorded follow-up is never overdue.
    const recorded: CaseEvent = {
      type: 'FollowUpRecorded',
      data: { month: 3, dueOn: '2025-05-01', incomeSource: 'LON', step: 5, occurredOn: '2025-05-10' },
    };
    given([...coordinated, due, recorded])
      .when(reached('FOLLOW_UP_3', '2025-05-16'), system('2025-05-16'))
      .then([]);
  });

  it('R16 a case with no activity for the configured weeks is flagged, once per quiet spell', () => {
    // Last activity: the first insats on 2025-02-01; 8 weeks later is 2025-03-29.
    given(coordinated).when(reached('STAGNANT', '2025-03-28'), system('2025-03-28')).then([]);
    const flagged = given(coordinated).when(reached('STAGNANT', '2025-03-29'), system('2025-03-29')).events();
    expect(flagged).toEqual([
      { type: 'CaseStagnated', data: { lastActivityOn: '2025-02-01', occurredOn: '2025-03-29' } },
    ]);
    given([...coordinated, ...flagged])
      .when(reached('STAGNANT', '2025-03-29'), system('2025-04-10'))
      .then([]);
    // System facts are not activity; a real activity starts a new spell.
    expect(fold([...coordinated, ...flagged])).toMatchObject({
      lastActivityOn: '2025-02-01',
      stagnationFlaggedFor: '2025-02-01',
    });
    const later = [...coordinated, ...flagged, insatsStarted('i2', 'PSYKOLOG', '2025-04-01')];
    expect(fold(later)).toMatchObject({ lastActivityOn: '2025-04-01', stagnationFlaggedFor: undefined });
    given(later).when(reached('STAGNANT', '2025-05-26'), system('2025-05-26')).then([]);
    given(later).when(reached('STAGNANT', '2025-05-27'), system('2025-05-27')).events();
  });

  it('R16 lastActivityOn follows every activity event and the stagnation setting', () => {
    const state = fold([
      ...coordinated,
      { type: 'CaseReturned', data: { reason: 'x', occurredOn: '2025-01-20' } },
    ]);
    expect(state).toMatchObject({ lastActivityOn: '2025-02-01' }); // an older business date does not move it back
    const twoWeeks = { ...ctx.settings, stagnationWeeks: 2 };
    expect(caseDeadlines(fold(coordinated), twoWeeks).find((d) => d.kind === 'STAGNANT')).toEqual({
      kind: 'STAGNANT',
      dueOn: '2025-02-15',
    });
  });

  it('R17 the scheduler flags a person approaching 30 while on aktivitetsersättning', () => {
    const command = initiateCommand({ incomeSource: 'AKTIVITETSERSATTNING' });
    const young = initiated({ ...command, person: { ...command.person, birthDate: '1996-01-01' } });
    const deadline = caseDeadlines(fold(young), ctx.settings).find(
      (d) => d.kind === 'AGE_LIMIT' && d.dueOn < '2030-01-01',
    );
    expect(deadline).toEqual({ kind: 'AGE_LIMIT', dueOn: '2025-07-01' });
    given(young)
      .when(reached('AGE_LIMIT', '2025-07-01'), system('2025-06-30'))
      .thenRefuses('R9b', 'business-date-in-future');
    given(young)
      .when(reached('AGE_LIMIT', '2025-07-01'), system('2025-07-01'))
      .then([
        {
          type: 'AgeLimitFlagged',
          data: { reason: 'APPROACHING_30_AKTIVITETSERSATTNING', age: 29, occurredOn: '2025-07-01' },
        },
      ]);
    // Not on aktivitetsersättning: nothing to flag before 65.
    expect(caseDeadlines(fold(initiated()), ctx.settings).filter((d) => d.kind === 'AGE_LIMIT')).toEqual([
      { kind: 'AGE_LIMIT', dueOn: '2055-05-20' },
    ]);
  });

  it('R2 a consent end date passing is recorded for an open case', () => {
    const command = initiateCommand();
    const limited = initiated({ consent: { ...command.consent, validUntil: '2025-06-30' } });
    given(limited)
      .when(reached('CONSENT_EXPIRED', '2025-07-01'), system('2025-07-01'))
      .then([{ type: 'ConsentExpired', data: { validUntil: '2025-06-30', occurredOn: '2025-07-01' } }]);
    given(limited).when(reached('CONSENT_EXPIRED', '2025-06-30'), system('2025-06-30')).then([]);
  });

  it('R2 R10 follow-ups falling due after the consent has ended are not owed: never flagged', () => {
    const command = initiateCommand();
    // First insats 2025-02-01: the 3-month follow-up is due 2025-05-01, the 6-month one 2025-08-01.
    const limited = [
      ...initiated({ consent: { ...command.consent, validUntil: '2025-06-30' } }),
      accepted(),
      decided(),
      ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01'),
    ];
    const kinds = caseDeadlines(fold(limited), ctx.settings).map((d) => d.kind);
    expect(kinds).toContain('FOLLOW_UP_3');
    expect(kinds).not.toContain('FOLLOW_UP_6');
    expect(kinds).not.toContain('FOLLOW_UP_12');
    given(limited).when(reached('FOLLOW_UP_6', '2025-08-01'), system('2025-09-01')).then([]);
  });

  it('§10 retention counts from the closure, not from a consent withdrawn later', () => {
    const withdrawn: CaseEvent = {
      type: 'ConsentWithdrawn',
      data: { occurredOn: '2026-03-01' },
    } as CaseEvent;
    const deadlines = caseDeadlines(fold([...coordinated, closed, withdrawn]), ctx.settings);
    expect(deadlines.find((d) => d.kind === 'RETENTION')).toEqual({ kind: 'RETENTION', dueOn: '2027-09-01' });
  });

  it('R14 the post-closure follow-up falls due 12 months after closure', () => {
    const deadlines = caseDeadlines(fold([...coordinated, closed]), ctx.settings);
    expect(deadlines).toEqual([
      { kind: 'POST_CLOSURE_FOLLOW_UP', dueOn: '2026-09-01' },
      { kind: 'RETENTION', dueOn: '2027-09-01' },
    ]);
    given([...coordinated, closed])
      .when(reached('POST_CLOSURE_FOLLOW_UP', '2026-09-01'), system('2026-09-01'))
      .then([
        {
          type: 'FollowUpBecameDue',
          data: { month: 'POST_CLOSURE', dueOn: '2026-09-01', occurredOn: '2026-09-01' },
        },
      ]);
    // Retention erases personal data on time, once.
    given([...coordinated, closed])
      .when(reached('RETENTION', '2027-09-01'), system('2027-09-01'))
      .then([
        {
          type: 'PersonalDataErased',
          data: { personId: PERSON_ID, reason: 'RETENTION', occurredOn: '2027-09-01' },
        },
      ]);
  });

  it('lists what the scheduler needs, nearest first, dropping what was recorded', () => {
    expect(caseDeadlines(fold(acceptedCase), ctx.settings)).toEqual([
      { kind: 'STAGNANT', dueOn: '2025-03-10' },
      { kind: 'INSATS_DEADLINE', dueOn: '2025-04-11' },
      { kind: 'AGE_LIMIT', dueOn: '2055-05-20' },
    ]);
    const due: CaseEvent = {
      type: 'FollowUpBecameDue',
      data: { month: 3, dueOn: '2025-05-01', occurredOn: '2025-05-01' },
    };
    expect(caseDeadlines(fold([...coordinated, due]), ctx.settings)).toEqual([
      { kind: 'STAGNANT', dueOn: '2025-03-29' },
      { kind: 'FOLLOW_UP_3', dueOn: '2025-05-16' },
      { kind: 'FOLLOW_UP_6', dueOn: '2025-08-01' },
      { kind: 'FOLLOW_UP_9', dueOn: '2025-11-01' },
      { kind: 'FOLLOW_UP_12', dueOn: '2026-02-01' },
      { kind: 'AGE_LIMIT', dueOn: '2055-05-20' },
    ]);
    expect(caseDeadlines({ status: 'NONE' }, ctx.settings)).toEqual([]);
  });

  it('is recorded by the system only', () => {
    given(acceptedCase)
      .when(reached('INSATS_DEADLINE', '2025-04-11'), as(actors.processledare, '2025-04-11'))
      .thenRefuses(undefined, 'role-not-allowed', 'forbidden');
  });
});
