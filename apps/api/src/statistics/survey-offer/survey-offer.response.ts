import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DerivedProperty, GenderSplitView, SHARE_DOC, StatisticsPeriodView } from '../statistics.response';

// The answer of GET /api/v1/statistics/survey-offer (docs/statistics.md §19, §14).

export class SurveyOfferPeriodView extends StatisticsPeriodView {
  @ApiProperty({ type: () => GenderSplitView, description: 'Cases closed in the period, each once (§6)' })
  closed!: GenderSplitView;

  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Of those, offered the closing survey at closure (R12)',
  })
  offered!: GenderSplitView;

  @ApiProperty({ type: () => GenderSplitView, description: 'Of those offered, who answered it' })
  answered!: GenderSplitView;

  @DerivedProperty(`offered.total / closed.total. ${SHARE_DOC}`)
  offeredShare!: number | null;

  @DerivedProperty(`answered.total / offered.total. ${SHARE_DOC}`)
  answeredShare!: number | null;
}

export class SurveyOfferStatistics extends SurveyOfferPeriodView {
  @ApiPropertyOptional({
    type: () => SurveyOfferPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: SurveyOfferPeriodView;
}
