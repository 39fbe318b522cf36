import type { CommandMeta } from '../actor';
import { deciderSpecification } from '../testing/given';
import {
  accepted,
  actors,
  as,
  CASE_ID,
  decided,
  fold,
  initiateCommand,
  initiated,
  meta,
} from '../testing/fixtures';
import { decideMeeting, type MeetingContext } from './decide';
import { evolveMeeting } from './evolve';
import type { MeetingEvent } from './events';
import { agendaInOrder, initialMeetingState, orderedAgenda, type MeetingState } from './state';

const given = deciderSpecification(
  { decide: decideMeeting, evolve: evolveMeeting, initialState: initialMeetingState },
  { ctx: {} as MeetingContext, meta: meta(actors.processledare, '2025-01-14') },
);
const scheduled: MeetingEvent = {
  type: 'MeetingScheduled',
  data: { meetingId: 'm1', date: '2025-01-21', time: '09:00', place: 'Rum 3', occurredOn: '2025-01-14' },
};
const added: MeetingEvent = {
  type: 'CaseAddedToAgenda',
  data: { caseId: CASE_ID, priority: false, caseInitiatedOn: '2025-01-10', occurredOn: '2025-01-14' },
};
const acceptedCase = fold([...initiated(), accepted()]);
const pl = (today: string): Partial<CommandMeta> => as(actors.processledare, today);

describe('meetings', () => {
  it('schedules a meeting with date, time and place', () => {
    given([])
      .when({ type: 'ScheduleMeeting', meetingId: 'm1', date: '2025-01-21', time: '09:00', place: 'Rum 3' })
      .then([scheduled]);
    given([scheduled])
      .when({ type: 'ScheduleMeeting', meetingId: 'm1', date: '2025-01-21' })
      .thenRefuses(undefined, 'meeting-exists', 'conflict');
    given([])
      .when({ type: 'ScheduleMeeting', meetingId: 'm1', date: '2025-01-21', time: '9' })
      .thenRefuses(undefined, 'invalid-time', 'validation');
    given([])
      .when({ type: 'ScheduleMeeting', meetingId: 'm1', date: '2025-01-21' }, as(actors.beredning))
      .thenRefuses(undefined, 'role-not-allowed', 'forbidden');
  });

  it('R5 adds only accepted cases awaiting a decision to the agenda', () => {
    given([scheduled], { caseState: acceptedCase })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID })
      .then([added]);
    given([scheduled], { caseState: fold(initiated()) })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID })
      .thenRefuses('R5', 'case-not-accepted');
    given([scheduled], { caseState: fold([...initiated(), accepted(), decided()]) })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID })
      .thenRefuses('R5', 'case-not-accepted');
    given([scheduled, added], { caseState: acceptedCase })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID })
      .thenRefuses(undefined, 'already-on-agenda', 'conflict');
    given([scheduled], {})
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID })
      .thenRefuses(undefined, 'case-not-found', 'not_found');
    given([], { caseState: acceptedCase })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID })
      .thenRefuses(undefined, 'meeting-not-found');
  });

  it("R2 a case goes on an agenda only while its consent covers the meeting's date, and today for a meeting ahead", () => {
    const consent = { ...initiateCommand().consent, validUntil: '2025-01-20' };
    const limitedCase = fold([...initiated({ consent }), accepted()]);
    // The meeting (2025-01-21) is after the consent's end, though today (2025-01-14) is not.
    given([scheduled], { caseState: limitedCase })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID })
      .thenRefuses('R2', 'consent-expired');
    const past: MeetingEvent = {
      type: 'MeetingScheduled',
      data: { meetingId: 'm1', date: '2025-01-16', time: '09:00', occurredOn: '2025-01-14' },
    };
    given([past], { caseState: limitedCase })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID }, pl('2025-01-15'))
      .events();
    // A meeting ahead, with the consent ending before it: refused whatever today is.
    given([scheduled], { caseState: limitedCase })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID }, pl('2025-01-15'))
      .thenRefuses('R2', 'consent-expired');
  });

  it("R9b R2 a meeting held within the consent gets its agenda recorded late, after the consent's end", () => {
    const consent = { ...initiateCommand().consent, validUntil: '2025-01-20' };
    const limitedCase = fold([...initiated({ consent }), accepted()]);
    const held: MeetingEvent = {
      type: 'MeetingScheduled',
      data: { meetingId: 'm1', date: '2025-01-16', occurredOn: '2025-01-14' },
    };
    const events = given([held], { caseState: limitedCase })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID }, pl('2025-02-10'))
      .events();
    expect(events[0]).toMatchObject({ type: 'CaseAddedToAgenda', data: { caseId: CASE_ID } });
    // Not for a meeting held before the consent was given.
    const early: MeetingEvent = {
      type: 'MeetingScheduled',
      data: { meetingId: 'm1', date: '2025-01-07', occurredOn: '2025-01-06' },
    };
    given([early], { caseState: limitedCase })
      .when({ type: 'AddCaseToAgenda', caseId: CASE_ID }, pl('2025-02-10'))
      .thenRefuses('R2', 'consent-expired');
  });

  it('orders the agenda priority first, then oldest case first, until the processledare sets an order', () => {
    const state = [
      scheduled,
      {
        type: 'CaseAddedToAgenda',
        data: { caseId: 'new', priority: false, caseInitiatedOn: '2025-01-12', occurredOn: '2025-01-14' },
      },
      {
        type: 'CaseAddedToAgenda',
        data: { caseId: 'old', priority: false, caseInitiatedOn: '2025-01-02', occurredOn: '2025-01-14' },
      },
      {
        type: 'CaseAddedToAgenda',
        data: { caseId: 'urgent', priority: true, caseInitiatedOn: '2025-01-13', occurredOn: '2025-01-14' },
      },
    ].reduce((s, e) => evolveMeeting(s, e as MeetingEvent), initialMeetingState()) as Extract<
      MeetingState,
      { status: 'SCHEDULED' }
    >;
    expect(orderedAgenda(state.agenda).map((i) => i.caseId)).toEqual(['urgent', 'old', 'new']);
    expect(agendaInOrder(state).map((i) => i.caseId)).toEqual(['urgent', 'old', 'new']);
  });

  describe('the processledare orders the agenda (ReorderAgenda)', () => {
    const addedCase = (caseId: string, caseInitiatedOn: string, priority = false): MeetingEvent => ({
      type: 'CaseAddedToAgenda',
      data: { caseId, priority, caseInitiatedOn, occurredOn: '2025-01-14' },
    });
    const reordered = (...caseIds: string[]): MeetingEvent => ({
      type: 'AgendaReordered',
      data: { caseIds, occurredOn: '2025-01-14' },
    });
    // Shown by default: urgent (priority), old, new.
    const three = [
      scheduled,
      addedCase('new', '2025-01-12'),
      addedCase('old', '2025-01-02'),
      addedCase('urgent', '2025-01-13', true),
    ];
    const shown = (events: MeetingEvent[]) =>
      agendaInOrder(
        events.reduce(evolveMeeting, initialMeetingState()) as Extract<MeetingState, { status: 'SCHEDULED' }>,
      ).map((i) => i.caseId);

    it('records the order naming every case on the agenda once, and the agenda is shown in it', () => {
      given(three)
        .when({ type: 'ReorderAgenda', caseIds: ['new', 'urgent', 'old'] })
        .then([reordered('new', 'urgent', 'old')]);
      expect(shown([...three, reordered('new', 'urgent', 'old')])).toEqual(['new', 'urgent', 'old']);
      // The default order, asked for explicitly, is recorded too: it stands from then on.
      given(three)
        .when({ type: 'ReorderAgenda', caseIds: ['urgent', 'old', 'new'] })
        .then([reordered('urgent', 'old', 'new')]);
    });

    it('the order already set, asked again, records nothing', () => {
      given([...three, reordered('new', 'urgent', 'old')])
        .when({ type: 'ReorderAgenda', caseIds: ['new', 'urgent', 'old'] })
        .then([]);
      given([scheduled]).when({ type: 'ReorderAgenda', caseIds: [] }).then([]);
    });

    it('R5 refuses a list that is not exactly the cases on the agenda', () => {
      // A case not on the agenda (an unknown case, or one moved or removed meanwhile).
      const unknown = given(three)
        .when({ type: 'ReorderAgenda', caseIds: ['new', 'urgent', 'old', 'other'] })
        .thenRefuses('R5', 'not-on-agenda', 'rule');
      expect(unknown.field).toBe('caseIds[3]');
      const removed: MeetingEvent = { type: 'CaseRemovedFromAgenda', data: { caseId: 'old', occurredOn: '2025-01-14' } };
      given([...three, removed])
        .when({ type: 'ReorderAgenda', caseIds: ['new', 'urgent', 'old'] })
        .thenRefuses('R5', 'not-on-agenda');
      // A case missing (one added meanwhile).
      const missing = given([...three, addedCase('later', '2025-01-11')])
        .when({ type: 'ReorderAgenda', caseIds: ['new', 'urgent', 'old'] })
        .thenRefuses('R5', 'agenda-incomplete', 'rule');
      expect(missing.field).toBe('caseIds');
      // A case twice, however long the list.
      const twice = given(three)
        .when({ type: 'ReorderAgenda', caseIds: ['new', 'urgent', 'new'] })
        .thenRefuses(undefined, 'duplicate-case', 'validation');
      expect(twice.field).toBe('caseIds[2]');
      given(three)
        .when({ type: 'ReorderAgenda', caseIds: 'new,urgent,old' as never })
        .thenRefuses(undefined, 'not-a-list', 'validation');
      given(three)
        .when({ type: 'ReorderAgenda', caseIds: ['new', 7 as never, 'old'] })
        .thenRefuses(undefined, 'invalid-id', 'validation');
    });

    it('is for the processledare, on a meeting that exists', () => {
      given(three)
        .when({ type: 'ReorderAgenda', caseIds: ['new', 'urgent', 'old'] }, as(actors.beredning))
        .thenRefuses(undefined, 'role-not-allowed', 'forbidden');
      given([])
        .when({ type: 'ReorderAgenda', caseIds: [] })
        .thenRefuses(undefined, 'meeting-not-found', 'not_found');
    });

    it('a case added after the order is set goes last, a priority case before the first ordinary case', () => {
      const ordered = [...three, reordered('urgent', 'new', 'old')];
      expect(shown([...ordered, addedCase('oldest', '2024-12-01')])).toEqual(['urgent', 'new', 'old', 'oldest']);
      expect(shown([...ordered, addedCase('urgent2', '2025-01-01', true)])).toEqual([
        'urgent',
        'urgent2',
        'new',
        'old',
      ]);
      // The priority case the processledare put below the ordinary ones stays there.
      const below = [...three, reordered('new', 'old', 'urgent')];
      expect(shown([...below, addedCase('urgent2', '2025-01-01', true)])).toEqual([
        'urgent2',
        'new',
        'old',
        'urgent',
      ]);
      // Removed and moved cases leave the order of the others as it was.
      expect(
        shown([
          ...below,
          { type: 'CaseRemovedFromAgenda', data: { caseId: 'new', occurredOn: '2025-01-14' } },
          { type: 'AgendaItemMoved', data: { caseId: 'old', toMeetingId: 'm2', occurredOn: '2025-01-14' } },
          addedCase('later', '2025-01-01'),
        ]),
      ).toEqual(['urgent', 'later']);
    });
  });

  it('moves a case to another meeting and removes cases from the agenda', () => {
    const target = [
      { ...scheduled, data: { ...scheduled.data, meetingId: 'm2', date: '2025-02-04' } } as MeetingEvent,
    ].reduce(evolveMeeting, initialMeetingState());
    given([scheduled, added], { targetMeeting: target })
      .when({ type: 'MoveAgendaItem', caseId: CASE_ID, toMeetingId: 'm2' })
      .then([
        { type: 'AgendaItemMoved', data: { caseId: CASE_ID, toMeetingId: 'm2', occurredOn: '2025-01-14' } },
      ]);
    given([scheduled, added], {})
      .when({ type: 'MoveAgendaItem', caseId: CASE_ID, toMeetingId: 'm2' })
      .thenRefuses(undefined, 'meeting-not-found', 'not_found');
    given([scheduled, added], { targetMeeting: target })
      .when({ type: 'MoveAgendaItem', caseId: CASE_ID, toMeetingId: 'm1' })
      .thenRefuses(undefined, 'same-meeting');
    given([scheduled, added])
      .when({ type: 'RemoveCaseFromAgenda', caseId: CASE_ID })
      .then([{ type: 'CaseRemovedFromAgenda', data: { caseId: CASE_ID, occurredOn: '2025-01-14' } }]);
    given([scheduled])
      .when({ type: 'RemoveCaseFromAgenda', caseId: CASE_ID })
      .thenRefuses(undefined, 'agenda-item-not-found', 'not_found');
    const moved = [
      scheduled,
      added,
      {
        type: 'AgendaItemMoved',
        data: { caseId: CASE_ID, toMeetingId: 'm2', occurredOn: '2025-01-14' },
      } as MeetingEvent,
    ].reduce(evolveMeeting, initialMeetingState());
    expect(moved).toMatchObject({ agenda: [], movedOut: [{ caseId: CASE_ID, toMeetingId: 'm2' }] });
  });

  it('records attendance per party with adjungerade guests', () => {
    given([scheduled])
      .when(
        {
          type: 'RecordAttendance',
          members: [
            { party: 'KOMMUN', user: 'u-kommun' },
            { party: 'REGION', user: 'u-region' },
          ],
          guests: [{ name: 'Gäst', organisation: 'Skolan' }],
        },
        pl('2025-01-21'),
      )
      .then([
        {
          type: 'AttendanceRecorded',
          data: {
            members: [
              { party: 'KOMMUN', user: 'u-kommun' },
              { party: 'REGION', user: 'u-region' },
            ],
            guests: [{ name: 'Gäst', organisation: 'Skolan' }],
            occurredOn: '2025-01-21',
          },
        },
      ]);
    given([scheduled])
      .when({ type: 'RecordAttendance', members: [{ party: 'XX' as never, user: 'u' }] })
      .thenRefuses(undefined, 'unknown-code');
  });

  it("R6 the protocol records decisions for cases on the meeting's agenda, not before the meeting", () => {
    given([scheduled, added])
      .when({ type: 'RecordMeetingDecision', caseId: CASE_ID, decision: 'BORDLAGD' }, pl('2025-01-21'))
      .then([
        {
          type: 'MeetingDecisionRecorded',
          data: { caseId: CASE_ID, decision: 'BORDLAGD', occurredOn: '2025-01-21' },
        },
      ]);
    given([scheduled])
      .when({ type: 'RecordMeetingDecision', caseId: CASE_ID, decision: 'BORDLAGD' }, pl('2025-01-21'))
      .thenRefuses('R6', 'not-on-agenda');
    given([scheduled, added])
      .when({ type: 'RecordMeetingDecision', caseId: CASE_ID, decision: 'BORDLAGD' }, pl('2025-01-20'))
      .thenRefuses('R9b', 'date-before-meeting');
    const protocol = [
      scheduled,
      added,
      {
        type: 'MeetingDecisionRecorded',
        data: { caseId: CASE_ID, decision: 'BORDLAGD', occurredOn: '2025-01-21' },
      } as MeetingEvent,
    ].reduce(evolveMeeting, initialMeetingState());
    expect(protocol).toMatchObject({
      decisions: [{ caseId: CASE_ID, decision: 'BORDLAGD', decidedOn: '2025-01-21' }],
    });
  });

  it('R6 a protocol entry named by the case decision’s version is made once, whoever asks again', () => {
    const entry = {
      type: 'MeetingDecisionRecorded',
      data: { caseId: CASE_ID, decision: 'BORDLAGD', occurredOn: '2025-01-21', caseVersion: 3 },
    } as MeetingEvent;
    const command = {
      type: 'RecordMeetingDecision',
      caseId: CASE_ID,
      decision: 'BORDLAGD',
      decidedOn: '2025-01-21',
      caseVersion: 3,
    } as const;
    given([scheduled, added]).when(command, pl('2025-01-22')).then([entry]);
    given([scheduled, added, entry]).when(command, pl('2025-01-22')).then([]);
    // Another decision on the same case (a later version) is an entry of its own.
    given([scheduled, added, entry])
      .when({ ...command, caseVersion: 5 }, pl('2025-01-22'))
      .then([{ ...entry, data: { ...entry.data, caseVersion: 5 } } as MeetingEvent]);
    given([scheduled, added])
      .when({ ...command, caseVersion: 0 }, pl('2025-01-22'))
      .thenRefuses(undefined, 'out-of-range');
  });
});
