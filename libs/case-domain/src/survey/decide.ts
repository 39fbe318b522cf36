import { hasRole, isPartyActor, type CommandMeta } from '../actor';
import { conflict, forbidden, invalid, refuse } from '../errors';
import { businessDate, requireCode, requireId, requireText } from '../validate';
import type { InsatsCatalogue } from '../case/context';
import { SURVEY_QUESTIONS, SURVEY_SCALES, type SurveyAnswers, type SurveyEvent } from './events';
import type { SurveyState } from './state';

export type SubmitClosingSurvey = {
  type: 'SubmitClosingSurvey';
  surveyId: string;
  insatsCode: string;
  /** Defaults to today. */
  answeredOn?: string;
  answers: SurveyAnswers;
};

export type SurveyCommand = SubmitClosingSurvey;

export interface SurveyContext {
  catalogue: InsatsCatalogue;
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
    if (!Object.hasOwn(SURVEY_SCALES, key))
      invalid('unknown-question', `answers.${key}`, 'Unknown question.');
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
