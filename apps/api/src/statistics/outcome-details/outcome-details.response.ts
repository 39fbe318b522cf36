import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOMES_WITH_EXTENT, WORK_SUBTYPES } from '@app/case-domain';
import { GenderSplitView, StatisticsPeriodView } from '../statistics.response';

// The answer of GET /api/v1/statistics/outcome-details (docs/statistics.md §18, §14).

export class ExtentBandsView {
  @ApiProperty({ type: () => GenderSplitView, description: 'Extent 100 %: hel' })
  HEL!: GenderSplitView;

  @ApiProperty({ type: () => GenderSplitView, description: 'Extent 1–99 %: partiell' })
  PARTIELL!: GenderSplitView;

  @ApiProperty({ type: () => GenderSplitView, description: 'No extent recorded' })
  EJ_ANGIVEN!: GenderSplitView;
}

/** One gender split per work subtype (DOMAIN.md §5), and EJ_ANGIVEN. */
export class WorkSubtypesView {}
for (const subtype of [...WORK_SUBTYPES, 'EJ_ANGIVEN']) {
  ApiProperty({
    type: () => GenderSplitView,
    description: subtype === 'EJ_ANGIVEN' ? 'No subtype recorded' : `Subtype ${subtype}`,
  })(WorkSubtypesView.prototype, subtype);
}

export class OutcomeDetailView {
  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Cases closed in the period with this outcome (§6)',
  })
  closed!: GenderSplitView;

  @ApiPropertyOptional({
    type: () => WorkSubtypesView,
    description: 'ARBETE only: by the work subtype; they add up to closed',
  })
  subtypes?: Record<string, GenderSplitView>;

  @ApiProperty({ type: () => ExtentBandsView, description: 'By the extent recorded; they add up to closed' })
  extent!: ExtentBandsView;
}

/** The outcomes that record an extent (DOMAIN.md §5). */
export class OutcomeDetailsByOutcomeView {}
for (const outcome of OUTCOMES_WITH_EXTENT) {
  ApiProperty({ type: () => OutcomeDetailView, description: `Closures with outcome ${outcome}` })(
    OutcomeDetailsByOutcomeView.prototype,
    outcome,
  );
}

export class OutcomeDetailsPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: () => OutcomeDetailsByOutcomeView,
    description: 'Per outcome with an extent: ARBETE, STUDIER, SJUKERSATTNING, AKTIVITETSERSATTNING (§18)',
  })
  outcomes!: Record<string, OutcomeDetailView>;
}

export class OutcomeDetailsStatistics extends OutcomeDetailsPeriodView {
  @ApiPropertyOptional({
    type: () => OutcomeDetailsPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: OutcomeDetailsPeriodView;
}
