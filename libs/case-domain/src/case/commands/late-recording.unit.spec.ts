// R9b "dates are facts", for facts recorded after they happened: each fact keeps its own business
// date, so a late recording neither blocks nor is blocked by facts recorded before it, as long as it
// is consistent with the facts around it in business-date order.
import type { CommandMeta } from '../../actor';
import type { CaseCommand } from '../decide';
import type { CaseEvent } from '../events';
import { outcomeClass } from '../../codes';
import {
  accepted,
  actors,
  as,
  decided,
  firstInsatsStarted,
  given,
  initiateCommand,
  initiated,
  sipRequested,
} from '../../testing/fixtures';
import type { BookSip } from './book-sip';
import type { CloseCase } from './close-case';

// Recorded in June; the SIP was requested, booked and held in February.
const JUNE = '2025-06-16';
const decidedCase = [...initiated(), accepted('2025-01-13'), decided('ARBETSFORMEDLINGEN', '2025-01-21')];
const requested = [...decidedCase, sipRequested('sip-1', '2025-02-03')];

const book = (overrides: Partial<BookSip> = {}): BookSip => ({
  type: 'BookSip',
  sipId: 'sip-1',
  date: '2025-02-12',
  parties: ['KOMMUN', 'REGION'],
  leader: 'KOMMUN',
  documenter: 'REGION',
  bookedOn: '2025-02-04',
  ...overrides,
});
const close = (closedOn: string): CloseCase => ({
  type: 'CloseCase',
  closedOn,
  outcome: 'ARBETSSOKANDE',
  slutdokumentation: true,
  survey: { offered: true, answered: false },
});
const kommun = (today = JUNE) => as(actors.kommun, today);
const pl = (today = JUNE) => as(actors.processledare, today);

/** Decides the command on the history and appends what it recorded: one step of a real sequence. */
function record(history: CaseEvent[], command: CaseCommand, meta: Partial<CommandMeta>): CaseEvent[] {
  return [...history, ...given(history).when(command, meta).events()];
}

function bookedAndHeldLate(): CaseEvent[] {
  const booked = record(requested, book(), kommun());
  return record(
    booked,
    {
      type: 'RecordSipHeld',
      sipId: 'sip-1',
      heldOn: '2025-02-12',
      attendees: ['KOMMUN', 'REGION'],
      plan: [],
    },
    kommun(),
  );
}

describe('a SIP booked and held in February, recorded in June (R9b, R8)', () => {
  it('R9b the booking is dated on its bookedOn, not on the day it was recorded', () => {
    given(requested)
      .when(book({ externalRef: 'BOOK-7' }), kommun())
      .then([
        {
          type: 'SipBooked',
          data: {
            sipId: 'sip-1',
            date: '2025-02-12',
            parties: ['KOMMUN', 'REGION'],
            leader: 'KOMMUN',
            documenter: 'REGION',
            externalRef: 'BOOK-7',
            rebooked: false,
            occurredOn: '2025-02-04',
          },
        },
      ]);
  });

  it('R9b R12 a closure dated in March, after the SIP and before the day it was recorded, is accepted', () => {
    const events = given(bookedAndHeldLate()).when(close('2025-03-14'), pl()).events();
    expect(events).toEqual([expect.objectContaining({ type: 'CaseClosed' })]);
    expect(events[0].data.occurredOn).toBe('2025-03-14');
  });

  it('R9b R12 a closure dated in June, before the day the SIP was recorded, is accepted', () => {
    const events = given(bookedAndHeldLate()).when(close('2025-06-10'), pl()).events();
    expect(events[0]).toMatchObject({ type: 'CaseClosed', data: { occurredOn: '2025-06-10' } });
  });

  it('R9b R12 a closure is still not dated before the held SIP', () => {
    given(bookedAndHeldLate())
      .when(close('2025-02-11'), pl())
      .thenRefuses('R9b', 'date-before-recorded-fact');
  });

  it('R9b R15 a consent withdrawal dated in March, recorded after the late SIP, is accepted', () => {
    const events = given(bookedAndHeldLate())
      .when({ type: 'WithdrawConsent', withdrawnOn: '2025-03-14' }, kommun())
      .events();
    expect(events.map((e) => [e.type, e.data.occurredOn])).toEqual([
      ['CaseClosed', '2025-03-14'],
      ['ConsentWithdrawn', '2025-03-14'],
    ]);
  });

  it('R9b the booking defaults to today when the SIP is still ahead', () => {
    const events = given(requested)
      .when(book({ date: '2025-06-20', bookedOn: undefined }), kommun())
      .events();
    expect(events[0]).toMatchObject({ type: 'SipBooked', data: { date: '2025-06-20', occurredOn: JUNE } });
  });
});

describe('bookedOn: when the booking was made (R9b, R8)', () => {
  it('R9b bookedOn in the future is refused', () => {
    const error = given(requested)
      .when(book({ date: '2025-06-20', bookedOn: '2025-06-17' }), kommun())
      .thenRefuses('R9b', 'business-date-in-future', 'rule');
    expect(error.field).toBe('bookedOn');
  });

  it('R9b bookedOn before the SIP was requested is refused', () => {
    const error = given(requested)
      .when(book({ bookedOn: '2025-02-02' }), kommun())
      .thenRefuses('R9b', 'date-before-request');
    expect(error.field).toBe('bookedOn');
  });

  it("R9b bookedOn after the SIP's date is refused: a SIP is booked before it is held", () => {
    const error = given(requested)
      .when(book({ bookedOn: '2025-02-13' }), kommun())
      .thenRefuses('R9b', 'booked-after-sip-date');
    expect(error.field).toBe('bookedOn');
    // Left to default, a booking recorded today for a SIP already past is refused the same way,
    // rather than dated today.
    given(requested)
      .when(book({ bookedOn: undefined }), kommun())
      .thenRefuses('R9b', 'booked-after-sip-date');
    // Booked on the day of the SIP itself is fine.
    expect(
      given(requested)
        .when(book({ bookedOn: '2025-02-12' }), kommun())
        .events()[0].type,
    ).toBe('SipBooked');
  });

  it('R9b R13 bookedOn before a reopening is refused', () => {
    const reopenedCase: CaseEvent[] = [
      ...requested,
      {
        type: 'CaseClosed',
        data: {
          outcome: 'ARBETSSOKANDE',
          outcomeClass: outcomeClass('ARBETSSOKANDE'),
          slutdokumentation: true,
          survey: { offered: true, answered: false },
          endedInsatser: [],
          openSips: ['sip-1'],
          viaConsentWithdrawal: false,
          occurredOn: '2025-03-01',
        },
      },
      { type: 'CaseReopened', data: { reason: 'sealed:relapse', occurredOn: '2025-04-01' } },
    ];
    given(reopenedCase)
      .when(book({ date: '2025-04-10', bookedOn: '2025-03-15' }), kommun())
      .thenRefuses('R9b', 'date-before-reopening');
  });

  it("R2 R8 the consent must cover the booking's own date and the SIP's, not today", () => {
    const consent = { ...initiateCommand().consent, validUntil: '2025-03-31' };
    const limited = [
      ...initiated({ consent }),
      accepted('2025-01-13'),
      decided('ARBETSFORMEDLINGEN', '2025-01-21'),
      sipRequested('sip-1', '2025-02-03'),
    ];
    // The consent ended in March; the February booking is recorded in June.
    expect(given(limited).when(book(), kommun()).events()[0]).toMatchObject({
      type: 'SipBooked',
      data: { occurredOn: '2025-02-04' },
    });
    given(limited)
      .when(book({ date: '2025-04-02', bookedOn: '2025-03-20' }), kommun())
      .thenRefuses('R8', 'sip-consent');
  });

  it('R9b R8 a rebooking is not dated before the booking it replaces', () => {
    const booked = record(requested, book(), kommun());
    given(booked)
      .when(book({ date: '2025-02-19', bookedOn: '2025-02-03' }), kommun())
      .thenRefuses('R9b', 'date-before-booking');
    expect(
      given(booked)
        .when(book({ date: '2025-02-19', bookedOn: '2025-02-10' }), kommun())
        .events()[0],
    ).toMatchObject({ type: 'SipBooked', data: { rebooked: true, occurredOn: '2025-02-10' } });
  });

  it('R9b R8 a SIP is not held or cancelled before it was booked', () => {
    const booked = record(requested, book(), kommun());
    const error = given(booked)
      .when(
        { type: 'RecordSipHeld', sipId: 'sip-1', heldOn: '2025-02-03', attendees: ['KOMMUN'], plan: [] },
        kommun(),
      )
      .thenRefuses('R9b', 'date-before-booking');
    expect(error.field).toBe('heldOn');
    given(booked)
      .when({ type: 'CancelSip', sipId: 'sip-1', cancelledOn: '2025-02-03' }, kommun())
      .thenRefuses('R9b', 'date-before-booking');
    expect(
      given(booked)
        .when({ type: 'CancelSip', sipId: 'sip-1', cancelledOn: '2025-02-04' }, kommun())
        .events()[0].type,
    ).toBe('SipCancelled');
  });
});

describe('bookings stored before they had a date of their own (R9b)', () => {
  // Written before bookedOn existed: dated the day it was recorded, in June, for a SIP in February.
  const storedBooking: CaseEvent = {
    type: 'SipBooked',
    data: {
      sipId: 'sip-1',
      date: '2025-02-12',
      parties: ['KOMMUN', 'REGION'],
      leader: 'KOMMUN',
      documenter: 'REGION',
      rebooked: false,
      occurredOn: JUNE,
    },
  };
  const held: CaseEvent = {
    type: 'SipHeld',
    data: {
      sipId: 'sip-1',
      personId: 'p',
      personAttended: true,
      attendees: ['KOMMUN'],
      plan: [],
      occurredOn: '2025-02-12',
    },
  };

  it("R9b a booking is taken as made no later than its SIP's date: the SIP is recorded held on that date", () => {
    expect(
      given([...requested, storedBooking])
        .when(
          { type: 'RecordSipHeld', sipId: 'sip-1', heldOn: '2025-02-12', attendees: ['KOMMUN'], plan: [] },
          kommun(),
        )
        .events()[0].type,
    ).toBe('SipHeld');
  });

  it('R9b R12 such a booking does not block a closure dated after its SIP', () => {
    const events = given([...requested, storedBooking, held])
      .when(close('2025-03-14'), pl())
      .events();
    expect(events[0]).toMatchObject({ type: 'CaseClosed', data: { occurredOn: '2025-03-14' } });
  });
});

describe('a party that has left the case, and facts from before it left (R12, R9b)', () => {
  // REGION provided a psykolog insats, ended it in April and left the case on 2025-05-01.
  const regionLeft: CaseEvent[] = [
    ...requested,
    ...firstInsatsStarted('i1', 'PSYKOLOG', '2025-02-01'),
    {
      type: 'InsatsEnded',
      data: {
        insatsId: 'i1',
        insatsCode: 'PSYKOLOG',
        party: 'REGION',
        reason: 'ARBETSLIVSINRIKTAD_REHAB',
        outcomeClass: outcomeClass('ARBETSLIVSINRIKTAD_REHAB'),
        endedBy: 'ENDED',
        occurredOn: '2025-04-30',
      },
    },
    { type: 'PartyInvolvementEnded', data: { party: 'REGION', occurredOn: '2025-05-01' } },
  ];

  it('R12 R9b a SIP held in February with the party, recorded after it left, can be booked with it', () => {
    expect(given(regionLeft).when(book(), kommun()).events()[0]).toMatchObject({
      type: 'SipBooked',
      data: { parties: ['KOMMUN', 'REGION'], occurredOn: '2025-02-04' },
    });
  });

  it('R12 the party is not invited to a SIP on or after the day it left', () => {
    given(regionLeft)
      .when(book({ date: '2025-05-01', bookedOn: '2025-04-20' }), kommun())
      .thenRefuses('R12', 'party-involvement-ended');
    given(regionLeft)
      .when(book({ date: '2025-06-20', bookedOn: undefined }), kommun())
      .thenRefuses('R12', 'party-involvement-ended');
  });

  it('R12 the party that left takes on nothing that runs on: no new insats, no ownership', () => {
    given(regionLeft)
      .when({ type: 'StartInsats', insatsId: 'i2', insatsCode: 'PSYKOLOG', startedOn: '2025-03-01' }, pl())
      .thenRefuses('R12', 'party-involvement-ended');
    given(regionLeft)
      .when({ type: 'HandOverOwnership', toParty: 'REGION', handedOverOn: '2025-03-01' }, pl())
      .thenRefuses('R12', 'party-involvement-ended');
  });
});

describe('a case initiated within its consent and recorded after the consent ended (R2, R9b)', () => {
  const consent = { ...initiateCommand().consent, givenOn: '2025-01-02', validUntil: '2025-03-31' };

  it('R2 R9b the consent is checked on the initiation date, not on the day it is recorded', () => {
    const events = given([])
      .when(initiateCommand({ consent, initiatedOn: '2025-01-10' }), kommun())
      .events();
    expect(events[0]).toMatchObject({ type: 'CaseInitiated', data: { occurredOn: '2025-01-10' } });
  });

  it('R2 a case is not initiated on a date after its consent ended', () => {
    given([])
      .when(initiateCommand({ consent, initiatedOn: '2025-04-01' }), kommun())
      .thenRefuses('R2', 'consent-expired');
  });
});
