import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTIES } from '@app/case-domain';
import { DateProperty, GenderSplitView, StatisticsPeriodView } from '../statistics.response';

// The answer of GET /api/v1/statistics/caseload (docs/statistics.md §21, §14).

export class CaseloadPartiesView {}
for (const party of PARTIES) {
  ApiProperty({ type: () => GenderSplitView, description: `Open cases that ${party} initiated` })(
    CaseloadPartiesView.prototype,
    party,
  );
}

export class CaseloadInsatsView {
  @ApiProperty({ description: 'The insats (a catalogue code)', example: 'AMT_AF' })
  insatsCode!: string;

  @ApiProperty({ description: 'Its current catalogue name, or the code when the catalogue does not know it' })
  name!: string;

  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Persons with the insats active on the day (§1 for one day)',
  })
  participants!: GenderSplitView;
}

export class CaseloadPeriodView extends StatisticsPeriodView {
  @DateProperty('The day counted: the last day of the period')
  on!: string;

  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Cases open on the day (§21): the sum of byInitiatingParty',
  })
  cases!: GenderSplitView;

  @ApiProperty({ type: () => CaseloadPartiesView, description: 'The open cases by initiating party' })
  byInitiatingParty!: Record<string, GenderSplitView>;

  @ApiProperty({
    type: () => CaseloadInsatsView,
    isArray: true,
    description: 'One row per insats active on the day, in catalogue order',
  })
  insatser!: CaseloadInsatsView[];
}

export class CaseloadStatistics extends CaseloadPeriodView {
  @ApiPropertyOptional({
    type: () => CaseloadPeriodView,
    description:
      'With compareFrom and compareTo: the caseload on compareTo, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: CaseloadPeriodView;
}
