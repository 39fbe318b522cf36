import {
  accepted,
  actors,
  as,
  decided,
  given,
  initiated,
  PERSON_ID,
  sipRequested,
} from '../../testing/fixtures';
import type { CaseEvent } from '../events';
import type { RequestSip } from './request-sip';
import type { BookSip } from './book-sip';

const request = (overrides: Partial<RequestSip> = {}): RequestSip => ({
  type: 'RequestSip',
  sipId: 'sip-1',
  initiatorRole: 'SOCIALSEKRETERARE',
  kind: 'FORSTA',
  formote: true,
  requestedOn: '2025-01-22',
  ...overrides,
});
const book = (overrides: Partial<BookSip> = {}): BookSip => ({
  type: 'BookSip',
  sipId: 'sip-1',
  date: '2025-02-05',
  parties: ['KOMMUN', 'REGION'],
  leader: 'KOMMUN',
  documenter: 'REGION',
  externalRef: 'BOOK-42',
  ...overrides,
});
const decidedCase = [...initiated(), accepted(), decided()];
const booked: CaseEvent = {
  type: 'SipBooked',
  data: {
    sipId: 'sip-1',
    date: '2025-02-05',
    parties: ['KOMMUN', 'REGION'],
    leader: 'KOMMUN',
    documenter: 'REGION',
    externalRef: 'BOOK-42',
    rebooked: false,
    occurredOn: '2025-01-23',
  },
};

describe('SIP (R8)', () => {
  it('R8 kommun requests a SIP with role, kind and förmöte', () => {
    given(decidedCase)
      .when(request(), as(actors.kommun, '2025-01-23'))
      .then([
        {
          type: 'SipRequested',
          data: {
            sipId: 'sip-1',
            initiatorRole: 'SOCIALSEKRETERARE',
            kind: 'FORSTA',
            formote: true,
            occurredOn: '2025-01-22',
          },
        },
      ]);
  });

  it('R8 only kommun or region may initiate a SIP', () => {
    given(decidedCase)
      .when(request(), as(actors.af, '2025-01-23'))
      .thenRefuses('R8', 'sip-initiator-party', 'rule');
    given(decidedCase).when(request(), as(actors.fk, '2025-01-23')).thenRefuses('R8', 'sip-initiator-party');
    given(decidedCase).when(request(), as(actors.region, '2025-01-23')).events();
    given(decidedCase).when(request(), as(actors.processledare, '2025-01-23')).events();
  });

  it('R8 an arbetsförmedlare or FK-handläggare cannot be the initiating role', () => {
    given(decidedCase)
      .when(request({ initiatorRole: 'ARBETSFORMEDLARE' }), as(actors.kommun, '2025-01-23'))
      .thenRefuses('R8', 'sip-initiator-party');
    given(decidedCase)
      .when(request({ initiatorRole: 'FK_HANDLAGGARE' }), as(actors.processledare, '2025-01-23'))
      .thenRefuses('R8', 'sip-initiator-party');
  });

  it("R8 a SIP needs the person's consent", () => {
    const expiring = initiated();
    const init = expiring[0];
    if (init.type !== 'CaseInitiated') throw new Error('fixture');
    init.data.consent = { ...init.data.consent, validUntil: '2025-01-20' };
    given([...expiring, accepted(), decided()])
      .when(request(), as(actors.kommun, '2025-01-23'))
      .thenRefuses('R8', 'sip-consent');
    const regionOutside = initiated({
      consent: {
        givenBy: 'PERSON',
        givenOn: '2025-01-08',
        form: 'MUNTLIG',
        scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'],
      },
    });
    given([...regionOutside, accepted()])
      .when(request(), as(actors.region, '2025-01-23'))
      .thenRefuses('R8', 'sip-consent');
  });

  it('R8 a SIP is requested for an accepted, open case', () => {
    given(initiated())
      .when(request(), as(actors.kommun, '2025-01-23'))
      .thenRefuses(undefined, 'case-not-accepted', 'conflict');
    given([...decidedCase, sipRequested()])
      .when(request(), as(actors.kommun, '2025-01-23'))
      .thenRefuses(undefined, 'sip-exists', 'conflict');
  });

  it('R8 booking records date, parties, leader, documenter and the external reference; rebooking is allowed', () => {
    given([...decidedCase, sipRequested()])
      .when(book(), as(actors.region, '2025-01-23'))
      .then([booked]);
    given([...decidedCase, sipRequested(), booked])
      .when(book({ date: '2025-02-12', externalRef: undefined }), as(actors.region, '2025-01-30'))
      .then([
        {
          type: 'SipBooked',
          data: {
            sipId: 'sip-1',
            date: '2025-02-12',
            parties: ['KOMMUN', 'REGION'],
            leader: 'KOMMUN',
            documenter: 'REGION',
            rebooked: true,
            occurredOn: '2025-01-30',
          },
        },
      ]);
  });

  it('R2 SIP parties, attendees and plan responsibles stay within the consent scope', () => {
    given([...decidedCase, sipRequested()])
      .when(book({ parties: ['KOMMUN', 'FORSAKRINGSKASSAN'] }), as(actors.kommun, '2025-01-23'))
      .thenRefuses('R2', 'consent-scope');
    given([...decidedCase, sipRequested(), booked])
      .when(
        {
          type: 'RecordSipHeld',
          sipId: 'sip-1',
          heldOn: '2025-02-05',
          attendees: ['KOMMUN', 'FORSAKRINGSKASSAN'],
          plan: [],
        },
        as(actors.kommun, '2025-02-06'),
      )
      .thenRefuses('R2', 'consent-scope');
    given([...decidedCase, sipRequested(), booked])
      .when(
        {
          type: 'RecordSipHeld',
          sipId: 'sip-1',
          heldOn: '2025-02-05',
          attendees: ['KOMMUN'],
          plan: [{ goal: 'sealed:g', action: 'sealed:a', responsibleParty: 'FORSAKRINGSKASSAN' }],
        },
        as(actors.kommun, '2025-02-06'),
      )
      .thenRefuses('R2', 'consent-scope');
  });

  it('R8 the held SIP is registered on the person who attended, with the plan', () => {
    given([...decidedCase, sipRequested(), booked])
      .when(
        {
          type: 'RecordSipHeld',
          sipId: 'sip-1',
          heldOn: '2025-02-05',
          attendees: ['KOMMUN', 'REGION'],
          plan: [{ goal: 'sealed:g', action: 'sealed:a', responsibleParty: 'REGION' }],
        },
        as(actors.kommun, '2025-02-06'),
      )
      .then([
        {
          type: 'SipHeld',
          data: {
            sipId: 'sip-1',
            personId: PERSON_ID,
            personAttended: true,
            attendees: ['KOMMUN', 'REGION'],
            plan: [{ goal: 'sealed:g', action: 'sealed:a', responsibleParty: 'REGION' }],
            occurredOn: '2025-02-05',
          },
        },
      ]);
  });

  it('R8 a cancelled or held SIP cannot be booked, held or cancelled again', () => {
    const cancelled: CaseEvent = { type: 'SipCancelled', data: { sipId: 'sip-1', occurredOn: '2025-01-24' } };
    given([...decidedCase, sipRequested()])
      .when({ type: 'CancelSip', sipId: 'sip-1', cancelledOn: '2025-01-24' }, as(actors.kommun, '2025-01-24'))
      .then([cancelled]);
    given([...decidedCase, sipRequested(), cancelled])
      .when(book(), as(actors.kommun, '2025-01-25'))
      .thenRefuses('R8', 'sip-state', 'conflict');
    given([...decidedCase, sipRequested(), cancelled])
      .when({ type: 'CancelSip', sipId: 'sip-1' }, as(actors.kommun, '2025-01-25'))
      .thenRefuses('R8', 'sip-state');
    given(decidedCase)
      .when(book(), as(actors.kommun, '2025-01-25'))
      .thenRefuses(undefined, 'sip-not-found', 'not_found');
  });

  it('R9b a SIP is not held before it was requested', () => {
    given([...decidedCase, sipRequested()])
      .when(
        { type: 'RecordSipHeld', sipId: 'sip-1', heldOn: '2025-01-21', attendees: ['KOMMUN'], plan: [] },
        as(actors.kommun, '2025-01-25'),
      )
      .thenRefuses('R9b', 'date-before-request');
  });
});
