import { Matches } from 'class-validator';
import { DateField, NestedListField, TextField } from '../../common/dto';
import { MeetingGuestDto, MeetingMemberDto } from '../attendance.dto';

export class ScheduleMeetingDto {
  @DateField({ description: 'The meeting date; may be in the future', example: '2026-06-23' })
  date!: string;

  @TextField(5, { optional: true, description: 'Local start time HH:MM', example: '09:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:MM' })
  time?: string;

  @TextField(500, { optional: true, description: 'A room or a digital link', example: 'Rum 3, Jobbtorget' })
  place?: string;

  @NestedListField(() => MeetingMemberDto, {
    optional: true,
    maxItems: 50,
    description: 'The members per party',
  })
  members?: MeetingMemberDto[];

  @NestedListField(() => MeetingGuestDto, { optional: true, maxItems: 50, description: 'Adjungerade guests' })
  guests?: MeetingGuestDto[];
}
