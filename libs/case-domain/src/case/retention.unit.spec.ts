import {
  accepted,
  actors,
  as,
  closedEvent,
  ctx,
  fold,
  given,
  initiated,
  PERSON_ID,
} from '../testing/fixtures';
import type { CaseEvent } from './events';
import { caseDeadlines } from './deadlines';
import type { ExistingCase } from './state';

// §10 and R13/R15: a person's data key is shared by all their cases, so retention runs from the
// person's latest closure. Case A's retention date erases nothing while another case of the same
// person (B) is open or closed with a retention date still to come: A records RetentionHeld; the
// last case to reach its retention date records the erasure (the scheduler then marks the rest).

const reached = (dueOn: string) => ({ type: 'RecordDeadlineReached', deadline: 'RETENTION', dueOn }) as const;
const system = (today: string) => as(actors.scheduler, today);
const closed = (on: string): CaseEvent => closedEvent(on, 'STUDIER');
const erased = (on: string): CaseEvent => ({
  type: 'PersonalDataErased',
  data: { personId: PERSON_ID, reason: 'RETENTION', occurredOn: on },
});
const held = (dueOn: string, on = dueOn): CaseEvent => ({
  type: 'RetentionHeld',
  data: { dueOn, occurredOn: on },
});

// Case A: closed 2025-09-01, so its retention date (24 months) is 2027-09-01.
const caseA = [...initiated({ caseId: 'case-a' }), accepted(), closed('2025-09-01')];
const caseB = (...more: CaseEvent[]) =>
  fold([
    ...initiated({ caseId: 'case-b', initiatedOn: '2025-06-01' }),
    accepted('2025-06-02'),
    ...more,
  ]) as ExistingCase;
const withOthers = (...others: ExistingCase[]) => ({ ...ctx, personCases: others });

describe('R15/§10 retention waits for the person’s other cases', () => {
  it('an open case of the same person holds the retention date: RetentionHeld, no erasure, once', () => {
    given(caseA, withOthers(caseB()))
      .when(reached('2027-09-01'), system('2027-09-01'))
      .then([held('2027-09-01')]);
    // The held date is done with: the deadline leaves the list, and a repeated job records nothing.
    expect(
      caseDeadlines(fold([...caseA, held('2027-09-01')]), ctx.settings).map((d) => d.kind),
    ).not.toContain('RETENTION');
    given([...caseA, held('2027-09-01')], withOthers(caseB()))
      .when(reached('2027-09-01'), system('2027-09-02'))
      .then([]);
    // Without another case the retention date erases, as before.
    given(caseA, withOthers())
      .when(reached('2027-09-01'), system('2027-09-01'))
      .then([erased('2027-09-01')]);
  });

  it('a closed case holds until its own retention date; one whose date has come, or that is erased, does not', () => {
    // B closed 2027-07-01: its retention date 2029-07-01 is after A's.
    given(caseA, withOthers(caseB(closed('2027-07-01'))))
      .when(reached('2027-09-01'), system('2027-09-01'))
      .then([held('2027-09-01')]);
    // A job that runs late, when B's date has come as well: nothing holds, A is erased.
    given(caseA, withOthers(caseB(closed('2025-09-05'))))
      .when(reached('2027-09-01'), system('2027-09-05'))
      .then([erased('2027-09-01')]);
    // Same day: neither holds the other.
    given(caseA, withOthers(caseB(closed('2025-09-01'))))
      .when(reached('2027-09-01'), system('2027-09-01'))
      .then([erased('2027-09-01')]);
    given(caseA, withOthers(caseB(erased('2027-08-01'))))
      .when(reached('2027-09-01'), system('2027-09-01'))
      .then([erased('2027-09-01')]);
  });

  it('only the person’s other cases count: the case itself and another person’s case do not hold', () => {
    const self = fold(caseA) as ExistingCase;
    const otherPerson = fold([
      ...initiated({
        caseId: 'case-c',
        person: {
          personId: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
          name: 's:n',
          personnummer: 's:p',
          gender: 'MAN',
          birthDate: '1980-01-01',
        },
      }),
      accepted(),
    ]) as ExistingCase;
    given(caseA, withOthers(self, otherPerson))
      .when(reached('2027-09-01'), system('2027-09-01'))
      .then([erased('2027-09-01')]);
  });

  it('the last case to reach its retention date erases: the held cases no longer hold it', () => {
    const heldA = fold([...caseA, held('2027-09-01')]) as ExistingCase;
    // B closed 2027-07-01: retention 2029-07-01.
    const b = [
      ...initiated({ caseId: 'case-b', initiatedOn: '2027-06-01' }),
      accepted('2027-06-02'),
      closed('2027-07-01'),
    ];
    given(b, withOthers(heldA))
      .when(reached('2029-07-01'), system('2029-07-01'))
      .then([erased('2029-07-01')]);
  });

  it('R13 a reopened and closed again case has a new retention date, which is not held', () => {
    const reopened: CaseEvent = {
      type: 'CaseReopened',
      data: { reason: 'sealed:r', occurredOn: '2027-10-01' },
    };
    const again = [...caseA, held('2027-09-01'), reopened, closed('2027-11-01')];
    expect(caseDeadlines(fold(again), ctx.settings)).toContainEqual({
      kind: 'RETENTION',
      dueOn: '2029-11-01',
    });
    given(again, withOthers())
      .when(reached('2029-11-01'), system('2029-11-01'))
      .then([erased('2029-11-01')]);
    // Closed again with the same date as before: the old hold does not carry over to the new closure.
    const sameDate = [...caseA, held('2027-09-01'), reopened, closed('2025-09-01')];
    expect(caseDeadlines(fold(sameDate), ctx.settings)).toContainEqual({
      kind: 'RETENTION',
      dueOn: '2027-09-01',
    });
  });

  it('R15 a withdrawn case is held the same way (retention is what it still accepts)', () => {
    const withdrawn = [
      ...caseA,
      { type: 'ConsentWithdrawn', data: { occurredOn: '2025-10-01' } } as CaseEvent,
    ];
    // Its retention counts from the closure (2025-09-01), not from the later withdrawal.
    given(withdrawn, withOthers(caseB()))
      .when(reached('2027-09-01'), system('2027-10-03'))
      .then([held('2027-09-01', '2027-10-03')]);
  });
});
