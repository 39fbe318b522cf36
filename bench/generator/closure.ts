import {
  type SurveyAnswers,
  type SurveyState,
  EXTENT_SCALE,
  FREQUENCY_SCALE,
  addMonths,
  decideSurvey,
  evolveSurvey,
  initialSurveyState,
  toDayNumber,
} from '@app/case-domain';
import { CaseRun, closeCommand } from './case-run';
import { CASE_OUTCOMES, FINAL_STEP, INCOME_AFTER } from './reference-data';
import { Rng } from './rng';
import { type TenantSim, Generator, consentEnded, nextWeekday, catalogueAt } from './sim';

/** After closure: the NNS survey, the post-closure follow-up (R14), now and then a reopening (R13). */
export function afterClosure(
  run: CaseRun,
  g: Generator,
  r: Rng,
  t: TenantSim,
  closeDay: number,
  seal: string,
  lastInsats: string | undefined,
  answered: boolean,
): void {
  if (run.state.status !== 'CLOSED') return;
  if (answered && lastInsats)
    submitSurvey(g, r, t, lastInsats, nextWeekday(closeDay + r.int(0, 10)), run.horizon);

  if (r.chance(0.03)) {
    // R13: rehabilitation is not linear.
    const reopenDay = nextWeekday(closeDay + r.int(30, 200));
    // R2: a case whose consent has ended is not reopened (users ask for a new consent first).
    if (
      !run.exec(
        (st) =>
          consentEnded(st, g.date(reopenDay))
            ? undefined
            : { type: 'ReopenCase', reason: seal, reopenedOn: g.date(reopenDay) },
        reopenDay,
        r.pick(t.processledare),
      )
    )
      return;
    const startDay = nextWeekday(reopenDay + r.int(0, 30));
    const insatsId = r.uuid();
    run.exec(
      (st) => {
        if (st.status === 'NONE') return undefined;
        const cat = catalogueAt(t, startDay);
        const usable = cat.codes.filter(
          (c) =>
            st.consent.scopeParties.includes(cat.catalogue[c].party) &&
            st.endedParties[cat.catalogue[c].party] === undefined,
        );
        if (!usable.length || (st.consent.validUntil && g.date(startDay) > st.consent.validUntil))
          return undefined;
        return {
          type: 'StartInsats',
          insatsId,
          insatsCode: r.pick(usable),
          startedOn: g.date(startDay),
          step: r.int(2, 4),
        };
      },
      startDay,
      r.pick(t.processledare),
    );
    const again = nextWeekday(startDay + r.int(60, 240));
    const outcome = r.weighted(CASE_OUTCOMES);
    if (
      run.exec(
        closeCommand(r, outcome, again, g, seal, 0.8, 0, FINAL_STEP[outcome]),
        again,
        r.pick(t.processledare),
      )
    ) {
      afterClosure(run, g, r, t, again, seal, undefined, false);
    }
    return;
  }
  if (r.chance(0.4)) {
    // R14: is the outcome lasting? Recorded around a year after closure.
    const day = nextWeekday(toDayNumber(addMonths(g.date(closeDay), 12)) + r.int(-20, 25));
    run.exec(
      (st) =>
        st.status === 'CLOSED' && !consentEnded(st, g.date(day))
          ? {
              type: 'RecordFollowUp',
              month: 'POST_CLOSURE',
              recordedOn: g.date(day),
              incomeSource:
                INCOME_AFTER[st.closure.outcome] && r.chance(0.7)
                  ? INCOME_AFTER[st.closure.outcome]!
                  : st.currentIncomeSource,
              step: Math.max(1, Math.min(6, Math.round(r.around(FINAL_STEP[st.closure.outcome], 0.8)))),
            }
          : undefined,
      day,
      r.pick(t.processledare),
    );
  }
}

/** The NNS avslutsenkät (§8): anonymous, its own stream, linked only to the insats. */
function submitSurvey(
  g: Generator,
  r: Rng,
  t: TenantSim,
  insatsCode: string,
  day: number,
  horizon: number,
): void {
  if (day > horizon) return;
  const surveyId = r.uuid();
  const stream = g.stream(`survey-${surveyId}`, 'survey', t.id);
  const freq = () => (r.chance(0.7) ? FREQUENCY_SCALE[r.int(3, 5)] : FREQUENCY_SCALE[r.int(0, 2)]);
  const extent = () => (r.chance(0.65) ? EXTENT_SCALE[r.int(3, 5)] : EXTENT_SCALE[r.int(0, 2)]);
  const answers: SurveyAnswers = {};
  if (r.chance(0.95)) answers.q1 = freq();
  if (r.chance(0.95)) answers.q2 = freq();
  if (r.chance(0.93)) answers.q3 = freq();
  if (r.chance(0.95)) answers.q4 = r.chance(0.85) ? 'JA' : 'NEJ';
  if (r.chance(0.9)) answers.q5 = extent();
  if (r.chance(0.9)) answers.q6 = extent();
  if (r.chance(0.9)) answers.q7 = extent();
  if (r.chance(0.9)) answers.q8 = r.chance(0.6) ? 'JA' : 'NEJ';
  if (answers.q8 === 'JA') {
    answers.q9 = extent();
    if (r.chance(0.9)) answers.q10 = extent();
  }
  const actor = r.pick(t.processledare);
  let state: SurveyState = initialSurveyState();
  try {
    const events = decideSurvey(
      { type: 'SubmitClosingSurvey', surveyId, insatsCode, answeredOn: g.date(day), answers },
      state,
      { catalogue: catalogueAt(t, day).catalogue },
      g.meta(t.id, actor, day),
    );
    for (const e of events) state = evolveSurvey(state, e);
    g.record(stream, events, day, actor);
  } catch (err) {
    g.refuse(err);
  }
}
