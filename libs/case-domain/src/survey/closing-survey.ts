// The NNS avslutsenkät (DOMAIN.md §8): anonymous, kept apart from the case, linked only to an insats
// and a date. One event per stream.
import { hasRole, isPartyActor, type CommandMeta } from '../actor';
import {
  EXTENT_SCALE,
  FREQUENCY_SCALE,
  YES_NO,
  type ExtentAnswer,
  type FrequencyAnswer,
  type YesNo,
} from '../codes';
import { conflict, forbidden, invalid, refuse } from '../errors';
import { businessDate, requireCode, requireId, requireText } from '../validate';
import type { InsatsCatalogue } from '../case/context';

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

export type SubmitClosingSurvey = {
  type: 'SubmitClosingSurvey';
  surveyId: string;
  insatsCode: string;
  /** Defaults to today. */
  answeredOn?: string;
  answers: SurveyAnswers;
};

export type ClosingSurveyAnswered = {
  type: 'ClosingSurveyAnswered';
  data: { surveyId: string; insatsCode: string; answers: SurveyAnswers; occurredOn: string };
};

export type SurveyCommand = SubmitClosingSurvey;
export type SurveyEvent = ClosingSurveyAnswered;
export type SurveyState =
  | { status: 'NONE' }
  | { status: 'ANSWERED'; surveyId: string; insatsCode: string; answers: SurveyAnswers; answeredOn: string };

export interface SurveyContext {
  catalogue: InsatsCatalogue;
}

export function initialSurveyState(): SurveyState {
  return { status: 'NONE' };
}

export function evolveSurvey(state: SurveyState, event: SurveyEvent): SurveyState {
  switch (event.type) {
    case 'ClosingSurveyAnswered': {
      const { surveyId, insatsCode, answers, occurredOn } = event.data;
      return { status: 'ANSWERED', surveyId, insatsCode, answers, answeredOn: occurredOn };
    }
    default: {
      const _exhaustive: never = event.type;
      void _exhaustive;
      return state;
    }
  }
}

export function decideSurvey(
  command: SurveyCommand,
  state: SurveyState,
  ctx: SurveyContext,
  meta: CommandMeta,
): SurveyEvent[] {
  const actor = meta.actor;
  if (!hasRole(actor, 'processledare') && !isPartyActor(actor)) {
    forbidden('role-not-allowed', 'Only a processledare or a party caseworker submits closing surveys.');
  }
  if (state.status !== 'NONE') conflict('survey-exists', 'This survey is already recorded.');
  const surveyId = requireId(command.surveyId, 'surveyId');
  const insatsCode = requireText(command.insatsCode, 'insatsCode', 64);
  // Retired insatser still collect surveys from people who were in them.
  // Own entries only: 'constructor' or '__proto__' are no insats codes.
  if (!Object.hasOwn(ctx.catalogue, insatsCode))
    refuse('R9', 'insats-not-in-catalogue', "The insats is not in the tenant's catalogue.", 'insatsCode');
  const answeredOn = businessDate(command.answeredOn, 'answeredOn', meta);
  const raw = command.answers ?? {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    invalid('required', 'answers', 'Expected the answers.');
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(SURVEY_SCALES, key)) invalid('unknown-question', `answers.${key}`, 'Unknown question.');
  }
  const answers: SurveyAnswers = {};
  for (const q of SURVEY_QUESTIONS) {
    const value = (raw as Record<string, unknown>)[q];
    if (value === undefined || value === null) continue; // skipped
    (answers as Record<string, string>)[q] = requireCode(SURVEY_SCALES[q], value, `answers.${q}`);
  }
  if (answers.q8 !== 'JA') {
    for (const q of ['q9', 'q10'] as const) {
      if (answers[q] !== undefined) {
        invalid(
          'follows-q8-ja',
          `answers.${q}`,
          'Questions 9 and 10 are only answered after a Ja to question 8.',
        );
      }
    }
  }
  return [{ type: 'ClosingSurveyAnswered', data: { surveyId, insatsCode, answers, occurredOn: answeredOn } }];
}
