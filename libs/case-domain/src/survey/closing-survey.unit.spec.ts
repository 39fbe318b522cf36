import { deciderSpecification } from '../testing/given';
import { actors, catalogue, meta } from '../testing/fixtures';
import { decideSurvey, type SubmitClosingSurvey } from './decide';
import { evolveSurvey } from './evolve';
import { initialSurveyState } from './state';

const survey = deciderSpecification(
  { decide: decideSurvey, evolve: evolveSurvey, initialState: initialSurveyState },
  { ctx: { catalogue }, meta: meta(actors.processledare, '2025-03-10') },
);

const submit = (insatsCode: string, answers: Record<string, unknown> = {}): SubmitClosingSurvey =>
  ({ type: 'SubmitClosingSurvey', surveyId: 's1', insatsCode, answers }) as SubmitClosingSurvey;

describe('closing survey: names every object has are neither insats codes nor questions', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'refuses the insats code %s as not in the catalogue (R9)',
    (code) => {
      survey([]).when(submit(code)).thenRefuses('R9', 'insats-not-in-catalogue');
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty'])('refuses the answer key %s as an unknown question', (key) => {
    survey([])
      .when(submit('AMT_AF', { [key]: 'JA' }))
      .thenRefuses(undefined, 'unknown-question', 'validation');
  });
});
