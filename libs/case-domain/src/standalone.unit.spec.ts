import { deciderSpecification } from './testing/given';
import { actors, as, catalogue, meta } from './testing/fixtures';
import { decideConsultation } from './consultation/decide';
import type { ConsultationEvent } from './consultation/events';
import { evolveConsultation } from './consultation/evolve';
import { initialConsultationState } from './consultation/state';
import { decideSurvey } from './survey/decide';
import { isTopThree, type SurveyEvent } from './survey/events';
import { evolveSurvey } from './survey/evolve';
import { initialSurveyState } from './survey/state';

const consultation = deciderSpecification(
  { decide: decideConsultation, evolve: evolveConsultation, initialState: initialConsultationState },
  { ctx: { catalogue }, meta: meta(actors.af, '2025-03-10') },
);
const survey = deciderSpecification(
  { decide: decideSurvey, evolve: evolveSurvey, initialState: initialSurveyState },
  { ctx: { catalogue }, meta: meta(actors.processledare, '2025-03-10') },
);

describe('consultation (volyminsats)', () => {
  const recorded: ConsultationEvent = {
    type: 'ConsultationRecorded',
    data: {
      consultationId: 'k1',
      insatsCode: 'PSYKOLOG',
      party: 'ARBETSFORMEDLINGEN',
      occurredOn: '2025-03-07',
    },
  };

  it('records a consultation without a person, for a catalogue insats', () => {
    consultation([])
      .when({
        type: 'RecordConsultation',
        consultationId: 'k1',
        insatsCode: 'PSYKOLOG',
        heldOn: '2025-03-07',
      })
      .then([recorded]);
    consultation([])
      .when(
        { type: 'RecordConsultation', consultationId: 'k1', insatsCode: 'PSYKOLOG', party: 'REGION' },
        as(actors.processledare, '2025-03-10'),
      )
      .then([
        {
          type: 'ConsultationRecorded',
          data: { consultationId: 'k1', insatsCode: 'PSYKOLOG', party: 'REGION', occurredOn: '2025-03-10' },
        },
      ]);
  });

  it('validates the insats, the date and the stream', () => {
    consultation([])
      .when({ type: 'RecordConsultation', consultationId: 'k1', insatsCode: 'NOPE' })
      .thenRefuses('R9', 'insats-not-in-catalogue');
    consultation([])
      .when({ type: 'RecordConsultation', consultationId: 'k1', insatsCode: 'RETIRED' })
      .thenRefuses('R9', 'insats-inactive');
    consultation([])
      .when({
        type: 'RecordConsultation',
        consultationId: 'k1',
        insatsCode: 'PSYKOLOG',
        heldOn: '2025-03-11',
      })
      .thenRefuses('R9b', 'business-date-in-future');
    consultation([])
      .when({ type: 'RecordConsultation', consultationId: 'k1', insatsCode: 'PSYKOLOG', party: 'X' as never })
      .thenRefuses(undefined, 'unknown-code');
    consultation([recorded])
      .when({ type: 'RecordConsultation', consultationId: 'k1', insatsCode: 'PSYKOLOG' })
      .thenRefuses(undefined, 'consultation-exists', 'conflict');
    consultation([])
      .when({ type: 'RecordConsultation', consultationId: 'k1', insatsCode: 'PSYKOLOG' }, as(actors.manager))
      .thenRefuses(undefined, 'role-not-allowed', 'forbidden');
  });
});

describe('closing survey (avslutsenkät)', () => {
  const submit = (answers: object, answeredOn = '2025-03-09') =>
    ({ type: 'SubmitClosingSurvey', surveyId: 's1', insatsCode: 'AMT_AF', answeredOn, answers }) as const;

  it('records anonymous answers on the scales of §8, linked only to insats and date', () => {
    const answers = {
      q1: 'OFTA',
      q2: 'ALLTID',
      q4: 'JA',
      q5: 'DELVIS',
      q8: 'JA',
      q9: 'TILL_STOR_DEL',
      q10: 'HELT_OCH_HALLET',
    };
    survey([])
      .when(submit(answers))
      .then([
        {
          type: 'ClosingSurveyAnswered',
          data: { surveyId: 's1', insatsCode: 'AMT_AF', answers, occurredOn: '2025-03-09' },
        },
      ] as SurveyEvent[]);
  });

  it('lets any question be skipped', () => {
    survey([]).when(submit({})).events();
    survey([])
      .when(submit({ q3: 'ALDRIG', q7: null }))
      .then([
        {
          type: 'ClosingSurveyAnswered',
          data: { surveyId: 's1', insatsCode: 'AMT_AF', answers: { q3: 'ALDRIG' }, occurredOn: '2025-03-09' },
        },
      ]);
  });

  it('asks q9 and q10 only after a Ja to q8', () => {
    survey([])
      .when(submit({ q8: 'NEJ', q9: 'DELVIS' }))
      .thenRefuses(undefined, 'follows-q8-ja', 'validation');
    survey([])
      .when(submit({ q10: 'DELVIS' }))
      .thenRefuses(undefined, 'follows-q8-ja');
  });

  it('refuses answers off the question’s scale, unknown questions and future dates', () => {
    survey([])
      .when(submit({ q1: 'DELVIS' }))
      .thenRefuses(undefined, 'unknown-code', 'validation');
    survey([])
      .when(submit({ q4: 'OFTA' }))
      .thenRefuses(undefined, 'unknown-code');
    survey([])
      .when(submit({ q11: 'JA' }))
      .thenRefuses(undefined, 'unknown-question');
    survey([]).when(submit({}, '2025-03-11')).thenRefuses('R9b', 'business-date-in-future');
    survey([])
      .when({ ...submit({}), insatsCode: 'NOPE' })
      .thenRefuses('R9', 'insats-not-in-catalogue');
  });

  it('reports the top three steps of each six-step scale', () => {
    expect(
      ['ALDRIG', 'SALLAN', 'IBLAND', 'OFTA', 'FOR_DET_MESTA', 'ALLTID'].map((a) => isTopThree(a as never)),
    ).toEqual([false, false, false, true, true, true]);
    expect(isTopThree('TILL_STOR_DEL')).toBe(true);
    expect(isTopThree('DELVIS')).toBe(false);
  });
});
