import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTIES } from '@app/case-domain';
import { GenderSplitView, StatisticsPeriodView } from '../statistics.response';

// The answer of GET /api/v1/statistics/initiating-parties (docs/statistics.md §11, §14).

export class InitiatingUnitRowView {
  @ApiProperty({ enum: PARTIES, description: 'The initiating party' })
  party!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The unit it named; null when none' })
  unit!: string | null;

  @ApiProperty({ type: () => GenderSplitView, description: 'Cases initiated in the period (§11)' })
  cases!: GenderSplitView;
}

export class InitiatingPartyRowView {
  @ApiProperty({ enum: PARTIES, description: 'The initiating party' })
  party!: string;

  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Cases initiated in the period: the sum of its units',
  })
  cases!: GenderSplitView;
}

export class InitiatingPartiesPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: () => InitiatingUnitRowView,
    isArray: true,
    description: 'One row per party and unit with cases, in party order then by unit',
  })
  rows!: InitiatingUnitRowView[];

  @ApiProperty({
    type: () => InitiatingPartyRowView,
    isArray: true,
    description: 'Every party, in party order',
  })
  parties!: InitiatingPartyRowView[];

  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Every case initiated in the period: the sum of the parties',
  })
  total!: GenderSplitView;
}

export class InitiatingPartiesStatistics extends InitiatingPartiesPeriodView {
  @ApiPropertyOptional({
    type: () => InitiatingPartiesPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: InitiatingPartiesPeriodView;
}
