import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECISIONS, PARTIES } from '@app/case-domain';

// The shape meetingView (get-meeting.http.controller.ts) answers.

export class AgendaItemView {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ description: 'Priority cases come first (until the processledare sets the order)' })
  priority!: boolean;

  @ApiProperty({ type: String, format: 'date', description: 'Then the oldest case first (by default)' })
  caseInitiatedOn!: string;

  @ApiProperty({ type: String, format: 'date' })
  addedOn!: string;
}

export class MeetingDecisionView {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ enum: DECISIONS })
  decision!: string;

  @ApiProperty({ type: String, format: 'date' })
  decidedOn!: string;
}

export class MeetingMemberView {
  @ApiProperty({ enum: PARTIES })
  party!: string;

  @ApiProperty({ description: 'The member’s user id (the token’s sub)' })
  user!: string;
}

export class MeetingGuestView {
  @ApiProperty()
  name!: string;

  @ApiPropertyOptional()
  organisation?: string;
}

export class MeetingAttendanceView {
  @ApiProperty({ type: () => MeetingMemberView, isArray: true })
  members!: MeetingMemberView[];

  @ApiProperty({ type: () => MeetingGuestView, isArray: true, description: 'Adjungerade guests' })
  guests!: MeetingGuestView[];
}

export class MovedOutView {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid', description: 'The meeting the case moved to' })
  toMeetingId!: string;
}

/** GET /api/v1/meetings/{id}. */
export class MeetingView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;

  @ApiProperty({ type: String, format: 'date' })
  date!: string;

  @ApiPropertyOptional({ description: 'Local start time HH:MM', example: '09:00' })
  time?: string;

  @ApiPropertyOptional({ description: 'A room or a digital link' })
  place?: string;

  @ApiProperty({
    type: () => AgendaItemView,
    isArray: true,
    description:
      'In the processledare’s order once set (POST …/agenda/order), else priority first, then the oldest case first',
  })
  agenda!: AgendaItemView[];

  @ApiProperty({ type: () => MeetingDecisionView, isArray: true, description: 'The protocol, in order' })
  decisions!: MeetingDecisionView[];

  @ApiProperty({ type: () => MeetingAttendanceView })
  attendance!: MeetingAttendanceView;

  @ApiProperty({ type: () => MovedOutView, isArray: true, description: 'Cases moved on to another meeting' })
  movedOut!: MovedOutView[];
}
