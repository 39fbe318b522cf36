import type { SurveyEvent } from './events';
import type { SurveyState } from './state';

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
