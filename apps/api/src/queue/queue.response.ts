import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, FOLLOW_UP_MONTHS, PARTIES } from '@app/case-domain';
import { QUEUE_BUCKETS } from '@app/read-models';
import { NEXT_CURSOR_DOC, TOTAL_DOC } from '../common/api-docs';

/** One task of the work queue (queue.query.ts): a case appears once in every bucket that applies. */
export class QueueItem {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ enum: QUEUE_BUCKETS })
  bucket!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When the task is due' })
  dueDate!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Days from today to dueDate; negative when overdue',
  })
  daysLeft!: number | null;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: string;

  @ApiProperty({ enum: PARTIES })
  initiatingParty!: string;

  @ApiProperty({ enum: PARTIES, nullable: true, description: 'The ärendebärare’s party' })
  ownerParty!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The ärendebärare’s user id' })
  ownerUser!: string | null;

  @ApiPropertyOptional({
    enum: FOLLOW_UP_MONTHS.map(String),
    description: 'FOLLOW_UP_DUE: which follow-up ("3", "6", "9", "12", "POST_CLOSURE")',
  })
  followUpMonth?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'AWAITING_BEREDNING: the meeting the case is on, if planned',
  })
  meetingId?: string;
}

/** GET /api/v1/queue. */
export class QueueAnswer {
  @ApiProperty({ type: () => QueueItem, isArray: true })
  items!: QueueItem[];

  @ApiProperty(TOTAL_DOC)
  total!: number;

  @ApiProperty(NEXT_CURSOR_DOC)
  nextCursor!: string | null;
}
