import { SIP_INITIATOR_ROLES } from '@app/case-domain';
import { SmallNumbers, emptySplit } from './small-numbers';
import { presentClosingSurvey, type ClosingSurveyReport } from './closing-survey/closing-survey.query';
import { presentFollowUps, type FollowUpsReport } from './follow-ups/follow-ups.query';
import { presentLeadTimes, type LeadTimesReport } from './lead-times/lead-times.query';
import { presentSips, type SipsReport } from './sips/sips.query';
import { presentProgression, type ProgressionFigures } from './progression/progression.query';

// docs/statistics.md §14: a derived figure is withheld from a manager when any count it is computed
// from is 1–4, so that no share times a shown whole gives a "<5" back.

const manager = new SmallNumbers(true);
const processledare = new SmallNumbers(false);

describe('SmallNumbers.derived', () => {
  it('given a share of 1 in 7, when a manager reads it, then it is withheld: 0.143 × 7 would give the 1 back', () => {
    expect(manager.derived(0.143, 1, 6)).toBeNull();
    expect(manager.derived(0.857, 6, 1)).toBeNull();
    expect(processledare.derived(0.143, 1, 6)).toBe(0.143);
  });

  it('given every part 0 or 5 and more, then the figure is shown', () => {
    expect(manager.derived(0.5, 5, 5)).toBe(0.5);
    expect(manager.derived(0, 0, 7)).toBe(0);
    expect(manager.derived(1, 7, 0)).toBe(1);
    expect(manager.derived(12, 9)).toBe(12);
  });

  it('given no basis, then there is no figure, for anyone', () => {
    expect(manager.derived(null, 0, 0)).toBeNull();
    expect(processledare.derived(null, 0)).toBeNull();
    expect(processledare.derived(3, 0)).toBeNull();
  });

  it('given a median of 1–4 cases, then a manager gets null', () => {
    expect(manager.derived(30, 4)).toBeNull();
    expect(manager.derived(30, 5)).toBe(30);
  });
});

describe('every statistics route withholds a share whose part or complement is "<5"', () => {
  it('closing survey: 7 answers, 1 positive → positive "<5", share null (and 6 positive → share null)', () => {
    const report: ClosingSurveyReport = {
      from: '2026-06-01',
      to: '2026-06-30',
      insatsCode: 'AMT',
      surveys: 10,
      questions: [
        { question: 'q1', text: '', answered: 7, positive: 1, share: 0.143 },
        { question: 'q2', text: '', answered: 7, positive: 6, share: 0.857 },
        { question: 'q3', text: '', answered: 10, positive: 5, share: 0.5 },
        { question: 'q4', text: '', answered: 7, positive: 0, share: 0 },
      ],
    };
    const [q1, q2, q3, q4] = presentClosingSurvey(report, manager).questions;
    expect(q1).toMatchObject({ answered: 7, positive: '<5', share: null });
    expect(q2).toMatchObject({ answered: 7, positive: 6, share: null });
    expect(q3).toMatchObject({ answered: 10, positive: 5, share: 0.5 });
    expect(q4).toMatchObject({ answered: 7, positive: 0, share: 0 });
    expect(presentClosingSurvey(report, processledare).questions[0]).toMatchObject({
      positive: 1,
      share: 0.143,
    });
  });

  it('lead times: the 90-day share with 1 met of 7 is withheld', () => {
    const days = { count: 0, median: null, p90: null };
    const report: LeadTimesReport = {
      from: '2026-01-01',
      to: '2026-06-30',
      toDecision: days,
      toFirstInsats: days,
      toClosure: days,
      ninetyDayRule: { cases: 7, met: 1, missed: 6, share: 0.143 },
    };
    // 7 − 6 would give the met back: the missed go too (secondary suppression), the 7 stays.
    expect(presentLeadTimes(report, manager).ninetyDayRule).toEqual({
      cases: 7,
      met: '<5',
      missed: null,
      share: null,
    });
    report.ninetyDayRule = { cases: 10, met: 5, missed: 5, share: 0.5 };
    expect(presentLeadTimes(report, manager).ninetyDayRule.share).toBe(0.5);
  });

  it('follow-ups: a share of 6 on time and 1 late is withheld, overall and per month', () => {
    const f = { due: 9, onTime: 6, late: 1, pending: 2, share: 0.857 };
    const report: FollowUpsReport = {
      from: '2026-01-01',
      to: '2026-06-30',
      graceDays: 14,
      ...f,
      byMonth: { '3': f },
    };
    const masked = presentFollowUps(report, manager);
    expect(masked.share).toBeNull();
    expect(masked.byMonth['3'].share).toBeNull();
    expect(presentFollowUps(report, processledare).share).toBe(0.857);
  });

  it('SIPs: a förmöte share of 1 in 7 held is withheld', () => {
    const held = { total: 7, kvinna: 7, man: 0, annat: 0 };
    const withFormote = { total: 1, kvinna: 1, man: 0, annat: 0 };
    const report = {
      from: '2026-01-01',
      to: '2026-06-30',
      held,
      byKind: { FORSTA: held, UPPFOLJNING: emptySplit() },
      byInitiatorRole: Object.fromEntries(
        SIP_INITIATOR_ROLES.map((role) => [role, role === 'SOCIALSEKRETERARE' ? held : emptySplit()]),
      ),
      withFormote,
      formoteShare: 0.143,
      daysRequestToHeld: { count: 7, median: 10, p90: 20 },
    } as unknown as SipsReport;
    const masked = presentSips(report, manager);
    expect(masked.withFormote.total).toBe('<5');
    expect(masked.formoteShare).toBeNull();
    expect(masked.daysRequestToHeld).toEqual({ count: 7, median: 10, p90: 20 });
  });

  it('progression: with "<5" improved over 5 measured periods the mean change is withheld, and so are the step means it is the difference of', () => {
    const f: ProgressionFigures = {
      periods: 5,
      measured: 5,
      firstStepMean: 2,
      lastStepMean: 2.2,
      changeMean: 0.2,
      improved: 1,
      unchanged: 4,
      worsened: 0,
      vas: { measured: 5, firstMean: 40, lastMean: 50, changeMean: 10 },
    };
    const masked = presentProgression(
      { from: '2026-01-01', to: '2026-06-30', rows: [{ insatsCode: 'AMT', name: 'AMT', ...f }], total: f },
      manager,
    ).total;
    // 2.2 − 2 would give the 0.2 back: exactly one period improved by one step.
    expect(masked).toMatchObject({
      firstStepMean: null,
      lastStepMean: null,
      changeMean: null,
      improved: '<5',
    });
    expect(masked.vas).toEqual({ measured: 5, firstMean: 40, lastMean: 50, changeMean: 10 });
    // With every group 0 or at least 5 the means are shown.
    const ten = { ...f, periods: 10, measured: 10, improved: 5, unchanged: 5, changeMean: 0.5 };
    const shown = presentProgression(
      { from: '2026-01-01', to: '2026-06-30', rows: [{ insatsCode: 'AMT', name: 'AMT', ...ten }], total: ten },
      manager,
    ).total;
    expect(shown).toMatchObject({ firstStepMean: 2, lastStepMean: 2.2, changeMean: 0.5 });
  });
});
