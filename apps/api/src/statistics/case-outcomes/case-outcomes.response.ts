import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GenderSplitView,
  type OutcomeSplits,
  OutcomeSplitsView,
  StatisticsPeriodView,
} from '../statistics.response';

// The answer of GET /api/v1/statistics/case-outcomes (docs/statistics.md §6, §14).

export class CaseOutcomesPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: () => GenderSplitView,
    description:
      'Cases closed in the period, each once with its last closure in it (§6); the sum of the outcomes',
  })
  closed!: GenderSplitView;

  @ApiProperty({
    type: () => OutcomeSplitsView,
    description: 'The closed cases by the outcome of the closure (§6)',
  })
  outcomes!: OutcomeSplits;
}

export class CaseOutcomesStatistics extends CaseOutcomesPeriodView {
  @ApiPropertyOptional({
    type: () => CaseOutcomesPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: CaseOutcomesPeriodView;
}
