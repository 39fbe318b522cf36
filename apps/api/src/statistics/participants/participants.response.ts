import { ApiProperty } from '@nestjs/swagger';
import {
  CellProperty,
  type CellValue,
  GenderSplitView,
  type OutcomeSplits,
  OutcomeSplitsView,
  StatisticsPeriodView,
} from '../statistics.response';

// The answer of GET /api/v1/statistics/participants (docs/statistics.md §1–§5, §14).

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
}

export class ParticipantsPeriodView extends StatisticsPeriodView {
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

export class ParticipantsStatistics extends ParticipantsPeriodView {}
