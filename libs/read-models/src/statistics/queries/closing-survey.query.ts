import { SURVEY_QUESTIONS, SURVEY_SCALES, type SurveyQuestion, YES_NO } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import type { Period } from '../period';
import { type Presenter, type WithCompare, presentPeriods } from '../compare';
import {
  type Cell,
  type Count,
  type Published,
  type ReportTable,
  type SmallNumbers,
  share,
} from '../small-numbers';

// The NNS closing survey's indicator per question (docs/statistics.md §13).

/** The questions as users know them (DOMAIN.md §8). */
export const SURVEY_TEXTS: Record<SurveyQuestion, string> = {
  q1: 'Får du stöd på ett sätt som är till stor nytta för dig?',
  q2: 'Är du med och bestämmer vilket stöd du skall få?',
  q3: 'Får stödet ta den tid du behöver?',
  q4: 'Har du en person eller ett team som du kan vända dig till med dina frågor och behov?',
  q5: 'Har det stöd du fått hjälpt dig att utveckla sätt att hantera din situation?',
  q6: 'Känner du dig mer redo att kunna arbeta eller studera?',
  q7: 'Upplever du att personalen har tagit tillvara dina erfarenheter, kunskaper och synpunkter?',
  q8: 'Har ni påbörjat en planering för vad som ska hända efter att nuvarande stöd har upphört?',
  q9: 'Finns det en tillräcklig planering för vad som ska hända efter att detta stöd upphört?',
  q10: 'Kommer det som är planerat att påbörjas inom rimlig tid?',
};

/** The answers that count toward the indicator: the top three steps of a six-step scale, or Ja. */
export function positiveAnswers(q: SurveyQuestion): readonly string[] {
  const scale = SURVEY_SCALES[q];
  return scale === YES_NO ? ['JA'] : scale.slice(3);
}

export interface SurveyQuestionFigures<C = number> {
  question: SurveyQuestion;
  text: string;
  answered: C;
  positive: C;
  share: number | null;
}

export interface ClosingSurveyReport<C = number> {
  from: string;
  to: string;
  insatsCode: string | null;
  surveys: C;
  questions: SurveyQuestionFigures<C>[];
}

const SURVEYS = `
  SELECT count(*)::int AS surveys,
         ${SURVEY_QUESTIONS.map(
           (q) =>
             `count(${q})::int AS ${q}_answered, ` +
             `count(*) FILTER (WHERE ${q} IN (${positiveAnswers(q)
               .map((a) => `'${a}'`)
               .join(', ')}))::int AS ${q}_positive`,
         ).join(',\n         ')}
    FROM stat_surveys
   WHERE tenant = $1 AND answered_on BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR insats_code = $4::text)`;

export async function closingSurveyReport(
  sql: SqlQueryable,
  period: Period,
  insatsCode: string | null,
): Promise<ClosingSurveyReport> {
  const { rows } = await sql.query<Record<string, number>>(SURVEYS, [
    period.tenant,
    period.from,
    period.to,
    insatsCode,
  ]);
  const r = rows[0];
  return {
    from: period.from,
    to: period.to,
    insatsCode,
    surveys: r.surveys,
    questions: SURVEY_QUESTIONS.map((q) => ({
      question: q,
      text: SURVEY_TEXTS[q],
      answered: r[`${q}_answered`],
      positive: r[`${q}_positive`],
      share: share(r[`${q}_positive`], r[`${q}_answered`]),
    })),
  };
}

type CountedClosingSurvey = ClosingSurveyReport<Count>;

function countClosingSurvey(t: ReportTable, r: ClosingSurveyReport): CountedClosingSurvey {
  const surveys = t.count(r.surveys);
  const questions = r.questions.map((q) => {
    const answered = t.count(q.answered);
    const positive = t.count(q.positive);
    // The positive answered the question; those who answered it took the survey.
    t.atMost(positive, answered);
    t.atMost(answered, surveys);
    return { ...q, answered, positive };
  });
  return { ...r, surveys, questions };
}

export const closingSurveyPresenter: Presenter<
  ClosingSurveyReport,
  CountedClosingSurvey,
  CountedClosingSurvey
> = {
  count: countClosingSurvey,
  finish: (t, c) => ({
    ...c,
    questions: c.questions.map((q) => ({
      ...q,
      share: t.derived(q.share, q.positive, q.answered, q.answered.value - q.positive.value),
    })),
  }),
};

export function presentClosingSurvey(
  r: ClosingSurveyReport,
  small: SmallNumbers,
  compare?: ClosingSurveyReport,
): Published<WithCompare<CountedClosingSurvey>> {
  return presentPeriods(small, closingSurveyPresenter, r, compare);
}

/** One CSV line per question. */
export function closingSurveyCsv(body: ClosingSurveyReport<Cell>): object[] {
  const { from, to, insatsCode, surveys } = body;
  return body.questions.map((q) => ({ from, to, insatsCode: insatsCode ?? '', surveys, ...q }));
}
