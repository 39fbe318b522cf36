import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Cell } from '@app/read-models';
import { CELL_DOC, DateProperty, SHARE_DOC } from '../statistics.response';

// The JSON answer of the report routes (docs/statistics.md §22): the report as a document.

const VALUES = {
  type: 'object' as const,
  additionalProperties: {
    oneOf: [
      { type: 'number', minimum: 0 },
      { type: 'string', enum: ['<5'] },
    ],
    nullable: true,
  },
};

export class ReportPeriodView {
  @DateProperty('The first day (included)')
  from!: string;

  @DateProperty('The last day (included)')
  to!: string;

  @ApiProperty({
    description: 'How a reader names the period: "2023", "jan–jun 2023", or the two dates',
    example: 'jan–jun 2023',
  })
  label!: string;
}

export class ReportColumnView {
  @ApiProperty({
    description: 'The key of the column in every row’s `values` and `compare`',
    example: 'kvinna',
  })
  key!: string;

  @ApiProperty({ description: 'The column’s heading, in Swedish', example: 'Kvinnor' })
  label!: string;

  @ApiProperty({ enum: ['count', 'share'], description: `count: ${CELL_DOC}. share: ${SHARE_DOC}` })
  kind!: 'count' | 'share';

  @ApiProperty({
    description: 'The key of the definition it follows, in `definitions`',
    example: 'participants',
  })
  definition!: string;
}

export class ReportRowView {
  @ApiProperty({
    description: 'The insats code, TOTAL (the row sum) or UNIQUE (unique persons)',
    example: 'ENTER',
  })
  code!: string;

  @ApiProperty({ description: 'The insats’s name, or Totalt (radsumma) / Unika personer', example: 'Enter' })
  label!: string;

  @ApiProperty({
    ...VALUES,
    description: 'This period’s figures by column key (a column the row has no figure for is absent)',
  })
  values!: Record<string, Cell>;

  @ApiPropertyOptional({ ...VALUES, description: 'The comparison period’s figures by column key' })
  compare?: Record<string, Cell>;
}

export class ReportTableView {
  @ApiProperty({ example: 'participants' })
  key!: string;

  @ApiProperty({ example: 'Deltagare per insats' })
  title!: string;

  @ApiProperty({ type: () => [ReportColumnView] })
  columns!: ReportColumnView[];

  @ApiProperty({
    type: () => [ReportRowView],
    description: 'One row per insats with activity (in either period), then TOTAL (and UNIQUE)',
  })
  rows!: ReportRowView[];
}

export class ReportDefinitionView {
  @ApiProperty({ example: 'participants' })
  key!: string;

  @ApiProperty({ example: 'Deltagare' })
  term!: string;

  @ApiProperty({ description: 'The definition, in Swedish' })
  text!: string;

  @ApiProperty({ description: 'Its section of docs/statistics.md', example: '§1' })
  section!: string;
}

export class ParticipantsReportDocument {
  @ApiProperty({ example: 'Deltagare och utfall per insats' })
  title!: string;

  @ApiProperty({ description: 'The förbund (tenant) it is for' })
  tenant!: string;

  @ApiProperty({ type: () => ReportPeriodView })
  period!: ReportPeriodView;

  @ApiPropertyOptional({ type: () => ReportPeriodView, description: 'With compareFrom and compareTo' })
  compare?: ReportPeriodView;

  @ApiProperty({ description: 'Whether small numbers are masked: a manager’s report (§14)' })
  masked!: boolean;

  @ApiProperty({ type: () => [ReportTableView] })
  tables!: ReportTableView[];

  @ApiProperty({ type: () => [ReportDefinitionView] })
  definitions!: ReportDefinitionView[];

  @ApiProperty({ type: [String], description: 'Notes on small numbers, in Swedish' })
  notes!: string[];
}
