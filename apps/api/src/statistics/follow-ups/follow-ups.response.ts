import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CellProperty,
  type CellValue,
  DerivedProperty,
  SHARE_DOC,
  StatisticsPeriodView,
} from '../statistics.response';

// The answer of GET /api/v1/statistics/follow-ups (docs/statistics.md §10, §14).

export class FollowUpFiguresView {
  @CellProperty('Follow-ups owed whose due date fell in the period: onTime + late + pending (§10)')
  due!: CellValue;

  @CellProperty('Recorded no later than the grace days after the due date')
  onTime!: CellValue;

  @CellProperty('Recorded after that, or not recorded and the grace days have passed')
  late!: CellValue;

  @CellProperty('Not recorded, and the grace days have not passed yet')
  pending!: CellValue;

  @DerivedProperty(`onTime / (onTime + late). ${SHARE_DOC}`)
  share!: number | null;
}

export class FollowUpMonthsView {
  @ApiProperty({ type: () => FollowUpFiguresView, description: 'R10: 3 months from the first insats' })
  '3'!: FollowUpFiguresView;

  @ApiProperty({ type: () => FollowUpFiguresView, description: 'R10: 6 months from the first insats' })
  '6'!: FollowUpFiguresView;

  @ApiProperty({ type: () => FollowUpFiguresView, description: 'R10: 9 months from the first insats' })
  '9'!: FollowUpFiguresView;

  @ApiProperty({ type: () => FollowUpFiguresView, description: 'R10: 12 months from the first insats' })
  '12'!: FollowUpFiguresView;

  @ApiProperty({ type: () => FollowUpFiguresView, description: 'R14: 12 months after closure' })
  POST_CLOSURE!: FollowUpFiguresView;
}

export class FollowUpsPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'The tenant’s followUpGraceDays: the days after the due date a follow-up is still on time',
  })
  graceDays!: number;

  @CellProperty('All months: the sum of the months')
  due!: CellValue;

  @CellProperty('All months')
  onTime!: CellValue;

  @CellProperty('All months')
  late!: CellValue;

  @CellProperty('All months')
  pending!: CellValue;

  @DerivedProperty(`All months: onTime / (onTime + late). ${SHARE_DOC}`)
  share!: number | null;

  @ApiProperty({ type: () => FollowUpMonthsView, description: 'The same figures per follow-up month' })
  byMonth!: FollowUpMonthsView;
}

export class FollowUpsStatistics extends FollowUpsPeriodView {
  @ApiPropertyOptional({
    type: () => FollowUpsPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: FollowUpsPeriodView;
}
