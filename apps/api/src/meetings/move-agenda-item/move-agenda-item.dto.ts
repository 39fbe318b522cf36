import { UuidField } from '../../common/dto';

export class MoveAgendaItemDto {
  @UuidField({ description: 'The meeting the case moves to, e.g. after BORDLAGD' })
  toMeetingId!: string;
}
