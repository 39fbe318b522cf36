import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECISIONS } from '@app/case-domain';
import { GenderSplitView, StatisticsPeriodView } from '../statistics.response';

// The answer of GET /api/v1/statistics/decisions (docs/statistics.md §20, §14).

/** One gender split per decision kind (R6). */
export class DecisionKindsView {}
for (const kind of DECISIONS) {
  ApiProperty({ type: () => GenderSplitView, description: `Decisions ${kind} recorded in the period` })(
    DecisionKindsView.prototype,
    kind,
  );
}

export class DecisionsPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: () => GenderSplitView,
    description:
      'Cases with at least one beredning decision in the period, each once: taken up in the beredning',
  })
  cases!: GenderSplitView;

  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Every beredning decision recorded with a decision date in the period: the sum of byKind',
  })
  decisions!: GenderSplitView;

  @ApiProperty({ type: () => DecisionKindsView, description: 'The decisions by kind (R6)' })
  byKind!: Record<(typeof DECISIONS)[number], GenderSplitView>;
}

export class DecisionsStatistics extends DecisionsPeriodView {
  @ApiPropertyOptional({
    type: () => DecisionsPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: DecisionsPeriodView;
}
