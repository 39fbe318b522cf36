import type { SurveyAnswers } from './events';

export type SurveyState =
  | { status: 'NONE' }
  | { status: 'ANSWERED'; surveyId: string; insatsCode: string; answers: SurveyAnswers; answeredOn: string };

export function initialSurveyState(): SurveyState {
  return { status: 'NONE' };
}
