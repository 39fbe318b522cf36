import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CellProperty, type CellValue, DerivedProperty, StatisticsPeriodView } from '../statistics.response';

// The answer of GET /api/v1/statistics/progression (docs/statistics.md §12, §14).

const MEAN = 'rounded to two decimals; null without a basis, and for a manager where withheld (§14)';

export class VasProgressionView {
  @CellProperty('Periods with at least two VAS ratings')
  measured!: CellValue;

  @DerivedProperty(`The mean first VAS rating (0–100), ${MEAN}`)
  firstMean!: number | null;

  @DerivedProperty(`The mean last VAS rating, ${MEAN}`)
  lastMean!: number | null;

  @DerivedProperty(`The mean change (last less first), ${MEAN}`)
  changeMean!: number | null;
}

export class ProgressionFiguresView {
  @CellProperty('Insats periods active in the period (§12)')
  periods!: CellValue;

  @CellProperty('Of those, periods with at least two step ratings: improved + unchanged + worsened')
  measured!: CellValue;

  @DerivedProperty(`The mean first step (1–6) of the measured periods, ${MEAN}`)
  firstStepMean!: number | null;

  @DerivedProperty(`The mean last step of the measured periods, ${MEAN}`)
  lastStepMean!: number | null;

  @DerivedProperty(`The mean change (last step less first), ${MEAN}`)
  changeMean!: number | null;

  @CellProperty('Measured periods whose last step is above the first')
  improved!: CellValue;

  @CellProperty('Measured periods whose last step equals the first')
  unchanged!: CellValue;

  @CellProperty('Measured periods whose last step is below the first')
  worsened!: CellValue;

  @ApiProperty({ type: () => VasProgressionView, description: 'Self-rated health (VAS 0–100), the same way' })
  vas!: VasProgressionView;
}

export class ProgressionRowView extends ProgressionFiguresView {
  @ApiProperty({ description: 'The insats (a catalogue code)', example: 'AMT_AF' })
  insatsCode!: string;

  @ApiProperty({ description: 'Its current catalogue name, or the code when the catalogue does not know it' })
  name!: string;
}

export class ProgressionPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: () => ProgressionRowView,
    isArray: true,
    description: 'One row per insats, in catalogue order',
  })
  rows!: ProgressionRowView[];

  @ApiProperty({
    type: () => ProgressionFiguresView,
    description: 'Every insats: the counts are the sum of the rows',
  })
  total!: ProgressionFiguresView;
}

export class ProgressionStatistics extends ProgressionPeriodView {
  @ApiPropertyOptional({
    type: () => ProgressionPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: ProgressionPeriodView;
}
