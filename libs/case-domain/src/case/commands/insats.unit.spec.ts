import {
  accepted,
  actors,
  as,
  decided,
  firstInsatsStarted,
  fold,
  given,
  initiated,
} from '../../testing/fixtures';
import { caseDeadlines } from '../deadlines';
import type { CaseEvent } from '../events';
import { DEFAULT_TENANT_SETTINGS } from '../../settings';
import type { EndInsats } from './end-insats';

const decidedCase = [...initiated(), accepted(), decided()];
const start = (insatsId: string, insatsCode: string, startedOn = '2025-02-01') =>
  ({ type: 'StartInsats', insatsId, insatsCode, startedOn }) as const;
const end = (overrides: Partial<EndInsats>): EndInsats => ({
  type: 'EndInsats',
  insatsId: 'i1',
  endedOn: '2025-06-01',
  reason: 'ARBETE',
  ...overrides,
});

describe('insatser (R9)', () => {
  it('R9 the first insats starts and schedules the follow-ups at 3, 6, 9 and 12 months (R10)', () => {
    given(decidedCase)
      .when({ ...start('i1', 'AMT_AF'), step: 2, vas: 40 }, as(actors.af, '2025-02-03'))
      .then([
        {
          type: 'InsatsStarted',
          data: {
            insatsId: 'i1',
            insatsCode: 'AMT_AF',
            party: 'ARBETSFORMEDLINGEN',
            step: 2,
            vas: 40,
            occurredOn: '2025-02-01',
          },
        },
        {
          type: 'FollowUpsScheduled',
          data: {
            firstInsatsStartedOn: '2025-02-01',
            dueDates: { 3: '2025-05-01', 6: '2025-08-01', 9: '2025-11-01', 12: '2026-02-01' },
            occurredOn: '2025-02-01',
          },
        },
      ]);
  });

  it('R9 several insatser run in parallel; only the first schedules follow-ups', () => {
    given([...decidedCase, ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01')])
      .when(start('i2', 'PSYKOLOG', '2025-02-10'), as(actors.region, '2025-02-10'))
      .then([
        {
          type: 'InsatsStarted',
          data: { insatsId: 'i2', insatsCode: 'PSYKOLOG', party: 'REGION', occurredOn: '2025-02-10' },
        },
      ]);
  });

  it('R10 R9b an earlier-dated insats moves the schedule to the first insats start', () => {
    const laterFirst = [...decidedCase, ...firstInsatsStarted('i1', 'AMT_AF', '2025-03-01')];
    const moved = given(laterFirst)
      .when(start('i2', 'ARBETSKONSULENT', '2025-02-01'), as(actors.kommun, '2025-03-10'))
      .events();
    expect(moved).toEqual([
      {
        type: 'InsatsStarted',
        data: { insatsId: 'i2', insatsCode: 'ARBETSKONSULENT', party: 'KOMMUN', occurredOn: '2025-02-01' },
      },
      {
        type: 'FollowUpsScheduled',
        data: {
          firstInsatsStartedOn: '2025-02-01',
          dueDates: { 3: '2025-05-01', 6: '2025-08-01', 9: '2025-11-01', 12: '2026-02-01' },
          occurredOn: '2025-02-01',
        },
      },
    ]);
    // The second schedule replaces the first: deadlines and follow-ups count from 2025-02-01.
    const after = [...laterFirst, ...moved];
    const deadlines = caseDeadlines(fold(after), DEFAULT_TENANT_SETTINGS);
    expect(deadlines).toContainEqual({ kind: 'FOLLOW_UP_3', dueOn: '2025-05-01' });
    expect(deadlines).not.toContainEqual(expect.objectContaining({ dueOn: '2025-06-01' }));
    given(after)
      .when(
        { type: 'RecordFollowUp', month: 3, recordedOn: '2025-02-20', incomeSource: 'OKAND', step: 2 },
        as(actors.kommun, '2025-03-10'),
      )
      .then([
        {
          type: 'FollowUpRecorded',
          data: { month: 3, dueOn: '2025-05-01', incomeSource: 'OKAND', step: 2, occurredOn: '2025-02-20' },
        },
      ]);
  });

  it('R10 an earlier-dated insats keeps the schedule once one of its follow-ups was recorded or flagged', () => {
    const laterFirst = [...decidedCase, ...firstInsatsStarted('i1', 'AMT_AF', '2025-03-01')];
    const insatsOnly: CaseEvent[] = [
      {
        type: 'InsatsStarted',
        data: { insatsId: 'i2', insatsCode: 'ARBETSKONSULENT', party: 'KOMMUN', occurredOn: '2025-02-01' },
      },
    ];
    const flaggedDue: CaseEvent = {
      type: 'FollowUpBecameDue',
      data: { month: 3, dueOn: '2025-06-01', occurredOn: '2025-06-01' },
    };
    const recorded: CaseEvent = {
      type: 'FollowUpRecorded',
      data: { month: 3, dueOn: '2025-06-01', incomeSource: 'OKAND', step: 2, occurredOn: '2025-05-28' },
    };
    for (const fact of [flaggedDue, recorded]) {
      given([...laterFirst, fact])
        .when(start('i2', 'ARBETSKONSULENT', '2025-02-01'), as(actors.kommun, '2025-06-05'))
        .then(insatsOnly);
    }
  });

  it('R9 an insats can start once the case is accepted, with or without a decision', () => {
    given(initiated())
      .when(start('i1', 'AMT_AF', '2025-01-10'), as(actors.af))
      .thenRefuses('R9', 'insats-not-accepted', 'rule');
    given([...initiated(), accepted()])
      .when(start('i1', 'AMT_AF', '2025-01-14'), as(actors.af, '2025-01-14'))
      .events();
  });

  it('R9 the insats comes from the catalogue and is active', () => {
    given(decidedCase)
      .when(start('i1', 'UNKNOWN'), as(actors.kommun, '2025-02-01'))
      .thenRefuses('R9', 'insats-not-in-catalogue');
    given(decidedCase)
      .when(start('i1', 'RETIRED'), as(actors.kommun, '2025-02-01'))
      .thenRefuses('R9', 'insats-inactive');
  });

  it("R2 nothing is recorded for a party outside the consent's scope", () => {
    given(decidedCase)
      .when(start('i1', 'FK_STOD'), as(actors.processledare, '2025-02-01'))
      .thenRefuses('R2', 'consent-scope');
    given(decidedCase)
      .when(start('i1', 'AMT_AF'), as(actors.fk, '2025-02-01'))
      .thenRefuses('R2', 'party-not-involved', 'forbidden');
  });

  it('R9 an insats id is used once', () => {
    given([...decidedCase, ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01')])
      .when(start('i1', 'PSYKOLOG'), as(actors.region, '2025-02-02'))
      .thenRefuses(undefined, 'insats-exists', 'conflict');
  });

  it('R9b an insats does not start before the case was initiated', () => {
    given(decidedCase)
      .when(start('i1', 'AMT_AF', '2025-01-09'), as(actors.af, '2025-02-01'))
      .thenRefuses('R9b', 'date-before-initiation');
  });

  it('R9 an insats ends with an outcome code; ARBETE needs a subtype and may have an extent', () => {
    const started = [...decidedCase, ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01')];
    given(started)
      .when(end({ subtype: 'LONEBIDRAG', extentPercent: 75 }), as(actors.af, '2025-06-02'))
      .then([
        {
          type: 'InsatsEnded',
          data: {
            insatsId: 'i1',
            insatsCode: 'AMT_AF',
            party: 'ARBETSFORMEDLINGEN',
            reason: 'ARBETE',
            outcomeClass: 'arbete/studier',
            subtype: 'LONEBIDRAG',
            extentPercent: 75,
            endedBy: 'ENDED',
            occurredOn: '2025-06-01',
          },
        },
      ]);
    given(started)
      .when(end({}), as(actors.af, '2025-06-02'))
      .thenRefuses('R9', 'subtype-required', 'validation');
    given(started)
      .when(end({ subtype: 'SAMHALL', extentPercent: 0 }), as(actors.af, '2025-06-02'))
      .thenRefuses(undefined, 'out-of-range');
    given(started)
      .when(end({ reason: 'STUDIER', extentPercent: 50 }), as(actors.af, '2025-06-02'))
      .events();
    given(started)
      .when(end({ reason: 'FLYTT', extentPercent: 50 }), as(actors.af, '2025-06-02'))
      .thenRefuses('R9', 'extent-not-allowed');
    given(started)
      .when(end({ reason: 'ANNAT' }), as(actors.af, '2025-06-02'))
      .thenRefuses('R9', 'other-reason-required');
    given(started)
      .when(end({ reason: 'ANNAT', otherReason: 'sealed:x' }), as(actors.af, '2025-06-02'))
      .events();
    given(started)
      .when(end({ reason: 'SAMTYCKE_ATERKALLAT' }), as(actors.af, '2025-06-02'))
      .thenRefuses('R15', 'outcome-reserved');
  });

  it('R9 an insats ends once, not before it started', () => {
    const ended: CaseEvent = {
      type: 'InsatsEnded',
      data: {
        insatsId: 'i1',
        insatsCode: 'AMT_AF',
        party: 'ARBETSFORMEDLINGEN',
        reason: 'FLYTT',
        outcomeClass: 'other',
        endedBy: 'ENDED',
        occurredOn: '2025-03-01',
      },
    };
    const started = [...decidedCase, ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01')];
    given([...started, ended])
      .when(end({ reason: 'FLYTT' }), as(actors.af, '2025-06-02'))
      .thenRefuses('R9', 'insats-already-ended', 'conflict');
    given(started)
      .when(end({ reason: 'FLYTT', endedOn: '2025-01-31' }), as(actors.af, '2025-06-02'))
      .thenRefuses('R9b', 'date-before-start');
    given(started)
      .when(end({ insatsId: 'nope', reason: 'FLYTT' }), as(actors.af, '2025-06-02'))
      .thenRefuses(undefined, 'insats-not-found', 'not_found');
  });
});

describe('party involvement (R12)', () => {
  it('R12 a party ends its own involvement while the others go on', () => {
    given(decidedCase)
      .when(
        { type: 'EndPartyInvolvement', party: 'REGION', endedOn: '2025-03-01' },
        as(actors.region, '2025-03-02'),
      )
      .thenRefuses('R12', 'party-not-involved');
    const twoOthers = [
      ...initiated({ otherParties: ['ARBETSFORMEDLINGEN', 'REGION'] }),
      accepted(),
      decided(),
    ];
    const ended = given(twoOthers)
      .when(
        { type: 'EndPartyInvolvement', party: 'REGION', endedOn: '2025-03-01' },
        as(actors.region, '2025-03-02'),
      )
      .events();
    expect(ended).toEqual([
      { type: 'PartyInvolvementEnded', data: { party: 'REGION', occurredOn: '2025-03-01' } },
    ]);
    // Afterwards nothing new is recorded for that party; the others go on.
    given([...twoOthers, ...ended])
      .when(start('i1', 'PSYKOLOG', '2025-03-05'), as(actors.processledare, '2025-03-05'))
      .thenRefuses('R12', 'party-involvement-ended');
    given([...twoOthers, ...ended])
      .when(start('i1', 'AMT_AF', '2025-03-05'), as(actors.af, '2025-03-05'))
      .events();
  });

  it('R12 a party ends only its own involvement, after ending its open insatser', () => {
    const withInsats = [...decidedCase, ...firstInsatsStarted('i1', 'ARBETSKONSULENT', '2025-02-01')];
    given(withInsats)
      .when({ type: 'EndPartyInvolvement', party: 'KOMMUN' }, as(actors.region, '2025-03-02'))
      .thenRefuses('R12', 'not-own-party', 'forbidden');
    given(withInsats)
      .when({ type: 'EndPartyInvolvement', party: 'KOMMUN' }, as(actors.kommun, '2025-03-02'))
      .thenRefuses('R12', 'party-has-open-insatser');
  });
});
