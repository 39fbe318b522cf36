import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CellProperty,
  type CellValue,
  DaysView,
  DerivedProperty,
  SHARE_DOC,
  StatisticsPeriodView,
} from '../statistics.response';

// The answer of GET /api/v1/statistics/lead-times (docs/statistics.md §8, §9, §14).

export class NinetyDayRuleView {
  @CellProperty('Cases whose insats deadline fell in the period and has passed: met + missed (§9)')
  cases!: CellValue;

  @CellProperty('An insats started on or before the deadline')
  met!: CellValue;

  @CellProperty('No insats had started by the deadline')
  missed!: CellValue;

  @DerivedProperty(`met / (met + missed). ${SHARE_DOC}`)
  share!: number | null;
}

export class LeadTimesPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: () => DaysView,
    description:
      'Initiation to the first substantive beredning decision, over the cases decided in the period (§8)',
  })
  toDecision!: DaysView;

  @ApiProperty({
    type: () => DaysView,
    description:
      'Initiation to the start of the first insats, over the cases whose first insats started in the period (§8)',
  })
  toFirstInsats!: DaysView;

  @ApiProperty({
    type: () => DaysView,
    description: 'Initiation to closure, over the cases closed in the period (§8)',
  })
  toClosure!: DaysView;

  @ApiProperty({ type: () => NinetyDayRuleView, description: 'R7, the 90-day rule (§9)' })
  ninetyDayRule!: NinetyDayRuleView;
}

export class LeadTimesStatistics extends LeadTimesPeriodView {
  @ApiPropertyOptional({
    type: () => LeadTimesPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: LeadTimesPeriodView;
}
