import type { Actor } from '../actor';
import { actors, CASE_ID, ctx, initiateCommand, meetingWith, meta, MEETING_ID } from '../testing/fixtures';
import { decideCase, type CaseCommand } from './decide';
import type { CaseEvent } from './events';
import { caseDeadlines } from './deadlines';
import { evolveCase } from './evolve';
import { initialCaseState, type CaseState } from './state';

/** Drives the decider as the write path does: decide against the fold, then evolve. */
function lifecycle() {
  let state: CaseState = initialCaseState();
  const log: CaseEvent[] = [];
  return {
    run(command: CaseCommand, actor: Actor, today: string) {
      const events = decideCase(
        command,
        state,
        { ...ctx, meeting: meetingWith([CASE_ID]) },
        meta(actor, today),
      );
      for (const e of events) {
        state = evolveCase(state, e);
        log.push(e);
      }
      return state;
    },
    get state() {
      return state;
    },
    log,
  };
}

describe('a case over its whole life', () => {
  it('evolves from initiation through coordination, closure, reopening and a second closure', () => {
    const c = lifecycle();
    expect(c.run(initiateCommand(), actors.kommun, '2025-01-10')).toMatchObject({
      status: 'SUBMITTED',
      insatsDeadline: '2025-04-10',
    });
    expect(
      c.run({ type: 'ReturnCase', reason: 'sealed:more' }, actors.processledare, '2025-01-11'),
    ).toMatchObject({
      status: 'RETURNED',
      returnedOn: '2025-01-11',
    });
    expect(
      c.run(
        { type: 'ResubmitCase', needs: 'sealed:needs2', otherParties: ['ARBETSFORMEDLINGEN', 'REGION'] },
        actors.kommun,
        '2025-01-13',
      ),
    ).toMatchObject({
      status: 'SUBMITTED',
      needs: 'sealed:needs2',
      otherParties: ['ARBETSFORMEDLINGEN', 'REGION'],
    });
    expect(c.run({ type: 'AcceptCase' }, actors.processledare, '2025-01-14')).toMatchObject({
      status: 'ACCEPTED',
      acceptedOn: '2025-01-14',
    });
    expect(
      c.run(
        {
          type: 'RecordDecision',
          meetingId: MEETING_ID,
          decision: 'FORDJUPAD_SAMORDNING',
          ownerParty: 'ARBETSFORMEDLINGEN',
        },
        actors.processledare,
        '2025-01-21',
      ),
    ).toMatchObject({
      status: 'DECIDED',
      owner: { party: 'ARBETSFORMEDLINGEN' },
      decision: { decision: 'FORDJUPAD_SAMORDNING' },
    });

    expect(
      c.run(
        {
          type: 'RequestSip',
          sipId: 'sip-1',
          initiatorRole: 'SOCIALSEKRETERARE',
          kind: 'FORSTA',
          formote: false,
        },
        actors.kommun,
        '2025-01-22',
      ),
    ).toMatchObject({ status: 'IN_COORDINATION', sips: { 'sip-1': { status: 'REQUESTED' } } });
    c.run(
      {
        type: 'BookSip',
        sipId: 'sip-1',
        date: '2025-02-05',
        parties: ['KOMMUN', 'REGION'],
        leader: 'KOMMUN',
        documenter: 'REGION',
      },
      actors.region,
      '2025-01-23',
    );
    expect(c.state).toMatchObject({
      sips: { 'sip-1': { status: 'BOOKED', booking: { date: '2025-02-05' } } },
    });
    c.run(
      {
        type: 'RecordSipHeld',
        sipId: 'sip-1',
        heldOn: '2025-02-05',
        attendees: ['KOMMUN', 'REGION'],
        plan: [{ goal: 'sealed:g', action: 'sealed:a', responsibleParty: 'KOMMUN' }],
      },
      actors.kommun,
      '2025-02-06',
    );
    expect(c.state).toMatchObject({
      sips: { 'sip-1': { status: 'HELD', heldOn: '2025-02-05', personAttended: true } },
    });

    c.run(
      {
        type: 'StartInsats',
        insatsId: 'i1',
        insatsCode: 'AMT_AF',
        startedOn: '2025-02-10',
        step: 2,
        vas: 40,
      },
      actors.af,
      '2025-02-10',
    );
    c.run(
      { type: 'StartInsats', insatsId: 'i2', insatsCode: 'PSYKOLOG', startedOn: '2025-02-20' },
      actors.region,
      '2025-02-20',
    );
    expect(c.state).toMatchObject({
      followUpSchedule: {
        firstInsatsStartedOn: '2025-02-10',
        dueDates: { 3: '2025-05-10', 6: '2025-08-10', 9: '2025-11-10', 12: '2026-02-10' },
      },
    });
    expect(
      c.run(
        { type: 'RecordDeadlineReached', deadline: 'FOLLOW_UP_3', dueOn: '2025-05-10' },
        actors.scheduler,
        '2025-05-10',
      ),
    ).toMatchObject({
      followUpsFlaggedDue: [3],
    });
    const followUps: [3 | 6 | 9 | 12, string][] = [
      [3, '2025-05-12'],
      [6, '2025-08-11'],
      [9, '2025-11-12'],
      [12, '2026-02-10'],
    ];
    for (const [month, on] of followUps) {
      c.run(
        {
          type: 'RecordFollowUp',
          month,
          recordedOn: on,
          incomeSource: month < 12 ? 'AKTIVITETSSTOD' : 'LON',
          step: month / 3 + 2,
        },
        actors.af,
        on,
      );
    }
    expect(Object.keys((c.state as { followUps: object }).followUps).sort()).toEqual(['12', '3', '6', '9']);
    expect(c.state).toMatchObject({ currentIncomeSource: 'LON', incomeSourceAtEntry: 'FORSORJNINGSSTOD' });

    c.run(
      {
        type: 'EndInsats',
        insatsId: 'i1',
        endedOn: '2026-02-15',
        reason: 'ARBETE',
        subtype: 'NYSTARTSJOBB',
        extentPercent: 100,
      },
      actors.af,
      '2026-02-16',
    );
    expect(c.state).toMatchObject({
      status: 'IN_COORDINATION',
      insatser: { i1: { ended: { reason: 'ARBETE', subtype: 'NYSTARTSJOBB' } }, i2: { insatsId: 'i2' } },
    });

    c.run(
      {
        type: 'CloseCase',
        closedOn: '2026-03-01',
        outcome: 'ARBETE',
        subtype: 'NYSTARTSJOBB',
        extentPercent: 100,
        slutdokumentation: true,
        survey: { offered: true, answered: true },
      },
      actors.af,
      '2026-03-02',
    );
    expect(c.state).toMatchObject({
      status: 'CLOSED',
      closedFrom: 'IN_COORDINATION',
      closure: { closedOn: '2026-03-01', outcome: 'ARBETE' },
      insatser: { i2: { ended: { endedBy: 'CASE_CLOSED', endedOn: '2026-03-01' } } },
    });
    expect(caseDeadlines(c.state, ctx.settings).map((d) => d.kind)).toEqual([
      'POST_CLOSURE_FOLLOW_UP',
      'RETENTION',
    ]);

    expect(
      c.run(
        { type: 'ReopenCase', reason: 'sealed:lost-job', reopenedOn: '2026-06-01' },
        actors.processledare,
        '2026-06-01',
      ),
    ).toMatchObject({
      status: 'IN_COORDINATION',
      owner: { party: 'ARBETSFORMEDLINGEN' },
      lastActivityOn: '2026-06-01',
    });
    c.run(
      { type: 'StartInsats', insatsId: 'i3', insatsCode: 'ARBETSKONSULENT', startedOn: '2026-06-02' },
      actors.kommun,
      '2026-06-02',
    );
    c.run(
      {
        type: 'CloseCase',
        closedOn: '2026-10-01',
        outcome: 'ARBETSLIVSINRIKTAD_REHAB',
        slutdokumentation: true,
        survey: { offered: false, answered: false },
      },
      actors.processledare,
      '2026-10-01',
    );
    expect(c.state).toMatchObject({ status: 'CLOSED', closure: { outcome: 'ARBETSLIVSINRIKTAD_REHAB' } });

    // One stream, the whole history, in order.
    expect(c.log.map((e) => e.type)).toEqual([
      'CaseInitiated',
      'CaseReturned',
      'CaseResubmitted',
      'CaseAccepted',
      'DecisionRecorded',
      'SipRequested',
      'SipBooked',
      'SipHeld',
      'InsatsStarted',
      'FollowUpsScheduled',
      'InsatsStarted',
      'FollowUpBecameDue',
      'FollowUpRecorded',
      'FollowUpRecorded',
      'FollowUpRecorded',
      'FollowUpRecorded',
      'InsatsEnded',
      'InsatsEnded',
      'CaseClosed',
      'CaseReopened',
      'InsatsStarted',
      'InsatsEnded',
      'CaseClosed',
    ]);
    // Every event carries its business date.
    expect(c.log.every((e) => /^\d{4}-\d{2}-\d{2}$/.test(e.data.occurredOn))).toBe(true);
  });

  it('evolve never throws on events out of order or unknown', () => {
    expect(
      evolveCase(initialCaseState(), { type: 'CaseAccepted', data: { occurredOn: '2025-01-01' } }),
    ).toEqual({ status: 'NONE' });
    const unknown = { type: 'SomethingNew', data: { occurredOn: '2025-01-01' } } as unknown as CaseEvent;
    const state = evolveCase(
      evolveCase(
        initialCaseState(),
        decideCase(initiateCommand(), initialCaseState(), ctx, meta(actors.kommun))[0],
      ),
      unknown,
    );
    expect(state.status).toBe('SUBMITTED');
    expect(
      evolveCase(state, {
        type: 'SipBooked',
        data: {
          sipId: 'nope',
          date: '2025-01-01',
          parties: [],
          leader: 'KOMMUN',
          documenter: 'KOMMUN',
          rebooked: false,
          occurredOn: '2025-01-01',
        },
      }),
    ).toMatchObject({ sips: {} });
  });
});
