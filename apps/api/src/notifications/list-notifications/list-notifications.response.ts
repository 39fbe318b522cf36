import { ApiProperty } from '@nestjs/swagger';
import { PARTIES } from '@app/case-domain';
import { NEXT_CURSOR_DOC, TOTAL_DOC } from '../../common/api-docs';

/** A notice to a party: case id and kind only, no personal data. */
export class NotificationView {
  @ApiProperty({
    description: 'The notice id, the same at the webhook (X-Amt-Notice-Id)',
    example: 'n-42-KOMMUN',
  })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({
    description:
      'FOLLOW_UP_DUE, FOLLOW_UP_OVERDUE, INSATS_DEADLINE_MISSED, CONSENT_EXPIRED, CASE_STAGNANT, AGE_LIMIT, SIP_BOOKED or CASE_RETURNED',
    example: 'SIP_BOOKED',
  })
  kind!: string;

  @ApiProperty({ enum: PARTIES })
  party!: string;

  @ApiProperty({ type: String, format: 'date', description: 'The business date of what happened' })
  occurredOn!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

/** GET /api/v1/notifications. */
export class ListNotificationsAnswer {
  @ApiProperty({ type: () => NotificationView, isArray: true, description: 'Newest first' })
  items!: NotificationView[];

  @ApiProperty(TOTAL_DOC)
  total!: number;

  @ApiProperty(NEXT_CURSOR_DOC)
  nextCursor!: string | null;
}
