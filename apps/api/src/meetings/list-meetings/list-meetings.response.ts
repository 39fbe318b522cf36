import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NEXT_CURSOR_DOC, TOTAL_DOC } from '../../common/api-docs';

/** A meeting as the list shows it: no case ids, no personal data. */
export class MeetingListItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'date' })
  date!: string;

  @ApiPropertyOptional({ description: 'Local start time HH:MM', example: '09:00' })
  time?: string;

  @ApiPropertyOptional({ description: 'A room or a digital link' })
  place?: string;

  @ApiProperty({ enum: ['SCHEDULED'] })
  status!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cases on the agenda now' })
  casesOnAgenda!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cases with a decision recorded at this meeting' })
  casesDecided!: number;
}

/** GET /api/v1/meetings. */
export class ListMeetingsAnswer {
  @ApiProperty({ type: () => MeetingListItem, isArray: true })
  items!: MeetingListItem[];

  @ApiProperty(TOTAL_DOC)
  total!: number;

  @ApiProperty(NEXT_CURSOR_DOC)
  nextCursor!: string | null;
}
