// The NNS avslutsenkät (DOMAIN.md §8): anonymous, kept apart from the case, linked only to an insats
// and a date. One event per stream.
import {
  EXTENT_SCALE,
  FREQUENCY_SCALE,
  YES_NO,
  type ExtentAnswer,
  type FrequencyAnswer,
  type YesNo,
} from '../codes';

/** Every question may be skipped; q9 and q10 only follow a Ja to q8. */
export interface SurveyAnswers {
  q1?: FrequencyAnswer;
  q2?: FrequencyAnswer;
  q3?: FrequencyAnswer;
  q4?: YesNo;
  q5?: ExtentAnswer;
  q6?: ExtentAnswer;
  q7?: ExtentAnswer;
  q8?: YesNo;
  q9?: ExtentAnswer;
  q10?: ExtentAnswer;
}

export type SurveyQuestion = keyof SurveyAnswers;

/** Each question's scale. */
export const SURVEY_SCALES: Readonly<Record<SurveyQuestion, readonly string[]>> = {
  q1: FREQUENCY_SCALE,
  q2: FREQUENCY_SCALE,
  q3: FREQUENCY_SCALE,
  q4: YES_NO,
  q5: EXTENT_SCALE,
  q6: EXTENT_SCALE,
  q7: EXTENT_SCALE,
  q8: YES_NO,
  q9: EXTENT_SCALE,
  q10: EXTENT_SCALE,
};

export const SURVEY_QUESTIONS = Object.keys(SURVEY_SCALES) as SurveyQuestion[];

/** The indicator reported per question: the answer is in the top three steps of its six-step scale. */
export function isTopThree(answer: FrequencyAnswer | ExtentAnswer): boolean {
  const scale: readonly string[] = (FREQUENCY_SCALE as readonly string[]).includes(answer)
    ? FREQUENCY_SCALE
    : EXTENT_SCALE;
  return scale.indexOf(answer) >= 3;
}

export type ClosingSurveyAnswered = {
  type: 'ClosingSurveyAnswered';
  data: { surveyId: string; insatsCode: string; answers: SurveyAnswers; occurredOn: string };
};

export type SurveyEvent = ClosingSurveyAnswered;
