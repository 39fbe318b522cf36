import { NestedListField } from '../../common/dto';
import { MeetingGuestDto, MeetingMemberDto } from '../attendance.dto';

/** Replaces the attendance recorded before. */
export class RecordAttendanceDto {
  @NestedListField(() => MeetingMemberDto, { maxItems: 50, description: 'The members present, per party' })
  members!: MeetingMemberDto[];

  @NestedListField(() => MeetingGuestDto, {
    optional: true,
    maxItems: 50,
    description: 'Adjungerade guests present',
  })
  guests?: MeetingGuestDto[];
}
