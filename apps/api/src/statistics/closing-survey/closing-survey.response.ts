import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SURVEY_QUESTIONS } from '@app/case-domain';
import {
  CellProperty,
  type CellValue,
  DerivedProperty,
  SHARE_DOC,
  StatisticsPeriodView,
} from '../statistics.response';

// The answer of GET /api/v1/statistics/closing-survey (docs/statistics.md §13, §14).

export class SurveyQuestionView {
  @ApiProperty({ enum: SURVEY_QUESTIONS, description: 'The question (DOMAIN.md §8)' })
  question!: string;

  @ApiProperty({ description: 'Its text, as users know it' })
  text!: string;

  @CellProperty('Surveys that answered it (did not skip it)')
  answered!: CellValue;

  @CellProperty('Answers in the top three steps of its scale, or Ja')
  positive!: CellValue;

  @DerivedProperty(`positive / answered. ${SHARE_DOC}`)
  share!: number | null;
}

export class ClosingSurveyPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The insats asked for with ?insatsCode=, or null for every insats',
  })
  insatsCode!: string | null;

  @CellProperty('Surveys answered in the period (§13)')
  surveys!: CellValue;

  @ApiProperty({ type: () => SurveyQuestionView, isArray: true, description: 'One per question, q1 to q10' })
  questions!: SurveyQuestionView[];
}

export class ClosingSurveyStatistics extends ClosingSurveyPeriodView {
  @ApiPropertyOptional({
    type: () => ClosingSurveyPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: ClosingSurveyPeriodView;
}
