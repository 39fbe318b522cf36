import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { GROUP_BYS } from '@app/read-models';
import {
  CellProperty,
  type CellValue,
  GenderSplitView,
  type OutcomeSplits,
  OutcomeSplitsView,
  StatisticsPeriodView,
} from '../statistics.response';

// The answer of GET /api/v1/statistics/participants (docs/statistics.md §1–§5, §14).

/** The figures of one group of a breakdown (§16): a row's, without the volume. */
export class ParticipantGroupView {
  @ApiProperty({ type: () => GenderSplitView, description: 'Deltagare of the group (§1)' })
  participants!: GenderSplitView;

  @ApiProperty({ type: () => GenderSplitView, description: 'Varav nya of the group (§2)' })
  new!: GenderSplitView;

  @ApiProperty({ type: () => GenderSplitView, description: 'Avslutade of the group (§3)' })
  ended!: GenderSplitView;

  @ApiProperty({ type: () => OutcomeSplitsView, description: 'Utfall of the group (§3)' })
  outcomes!: OutcomeSplits;
}

export class UniqueGroupView {
  @ApiProperty({ type: () => GenderSplitView, description: 'Unique persons of the group (§5, §16)' })
  participants!: GenderSplitView;
}

const GROUPS_DOC =
  'With ?groupBy=: the same figures per group, keyed by its code — every code of the breakdown, zeros too ' +
  '(ageBand: UNDER_16, 16-19, 20-29, 30-39, 40-49, 50-64, 65+; targetGroup: the target groups and NONE; ' +
  'incomeSource: the income sources; initiatingParty and providerParty: the parties). The groups add up to the ' +
  'row, except for targetGroup, whose groups are tags: a person counts in each of their target groups ' +
  '(docs/statistics.md §16)';

/** The figures of one insats, or of all of them (the total row). */
export class ParticipantFiguresView {
  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Deltagare: persons with the insats active on at least one day of the period (§1)',
  })
  participants!: GenderSplitView;

  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Varav nya: participants who started it in the period (§2)',
  })
  new!: GenderSplitView;

  @ApiProperty({
    type: () => GenderSplitView,
    description:
      'Avslutade: participants whose insats ended in the period with an outcome (§3); the sum of the outcomes',
  })
  ended!: GenderSplitView;

  @CellProperty('Volyminsatser: consultations held in the period (§4)')
  volume!: CellValue;

  @ApiProperty({
    type: () => OutcomeSplitsView,
    description: 'Utfall: the ended by the reason of their last end in the period (§3)',
  })
  outcomes!: OutcomeSplits;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ParticipantGroupView) },
    description: GROUPS_DOC,
  })
  groups?: Record<string, ParticipantGroupView>;
}

export class ParticipantsRowView extends ParticipantFiguresView {
  @ApiProperty({ description: 'The insats (a catalogue code)', example: 'AMT_AF' })
  insatsCode!: string;

  @ApiProperty({ description: 'Its current catalogue name, or the code when the catalogue does not know it' })
  name!: string;
}

export class UniqueParticipantsView {
  @ApiProperty({
    type: () => GenderSplitView,
    description: 'Every person who was a participant of any insats in the period, once (§5)',
  })
  participants!: GenderSplitView;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(UniqueGroupView) },
    description:
      'With ?groupBy=: unique persons per group, every code of the breakdown. They add up to participants except ' +
      'for targetGroup (tags) and providerParty (a person counts once under each party that provided one of ' +
      'their insatser) (docs/statistics.md §16)',
  })
  groups?: Record<string, UniqueGroupView>;
}

@ApiExtraModels(ParticipantGroupView, UniqueGroupView)
export class ParticipantsPeriodView extends StatisticsPeriodView {
  @ApiPropertyOptional({ enum: GROUP_BYS, description: 'The breakdown asked for with ?groupBy= (§16)' })
  groupBy?: string;

  @ApiProperty({
    type: () => ParticipantsRowView,
    isArray: true,
    description: 'One row per insats with any activity in the period, in catalogue order (§5)',
  })
  rows!: ParticipantsRowView[];

  @ApiProperty({
    type: () => ParticipantFiguresView,
    description: 'The row sum, cell by cell: a person in two insatser counts twice (§5)',
  })
  total!: ParticipantFiguresView;

  @ApiProperty({ type: () => UniqueParticipantsView, description: 'Unique persons (§5)' })
  unique!: UniqueParticipantsView;
}

export class ParticipantsStatistics extends ParticipantsPeriodView {
  @ApiPropertyOptional({
    type: () => ParticipantsPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: ParticipantsPeriodView;
}
