import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOME_KEYS } from '@app/read-models';
import {
  DerivedProperty,
  GenderSplitView,
  type OutcomeSplits,
  OutcomeSplitsView,
  SHARE_DOC,
  StatisticsPeriodView,
} from '../statistics.response';

// The answer of GET /api/v1/statistics/case-outcomes (docs/statistics.md §6, §14).

/** One share per outcome code of DOMAIN.md §5, and ARBETE_ELLER_STUDIER. */
export class OutcomeSharesView {}
for (const key of OUTCOME_KEYS) {
  DerivedProperty(`outcomes.${key}.total / closed.total. ${SHARE_DOC}`)(OutcomeSharesView.prototype, key);
}

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

  @ApiProperty({
    type: () => OutcomeSharesView,
    description:
      'Each outcome’s share of the closed cases ("28 (45 %) to work"), computed by the server (§6)',
  })
  shares!: Record<string, number | null>;
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
