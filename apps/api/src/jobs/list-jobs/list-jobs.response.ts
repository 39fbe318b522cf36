import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATES, QUEUE_NAMES } from '@app/scheduling';
import { NEXT_CURSOR_DOC, TOTAL_DOC } from '../../common/api-docs';

/** A job as jobItem (jobs-access.ts) shows it: ids, codes, attempts and the failure reason. */
export class JobItem {
  @ApiProperty({ enum: QUEUE_NAMES })
  queue!: string;

  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'What the job does' })
  name!: string;

  @ApiProperty({ enum: JOB_STATES })
  state!: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  attemptsMade!: number;

  @ApiPropertyOptional()
  failedReason?: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  finishedAt?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The job’s ids and codes (no personal data)',
  })
  data!: Record<string, unknown>;
}

/** GET /api/v1/admin/jobs. */
export class ListJobsAnswer {
  @ApiProperty({ type: () => JobItem, isArray: true, description: 'Newest first' })
  items!: JobItem[];

  @ApiProperty(TOTAL_DOC)
  total!: number;

  @ApiProperty({ ...NEXT_CURSOR_DOC, description: 'Always null: the list is not paged further' })
  nextCursor!: string | null;
}

/** POST /api/v1/admin/jobs/{queue}/{id}/retry. */
export class RetryJobAnswer {
  @ApiProperty({ enum: QUEUE_NAMES })
  queue!: string;

  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: [true] })
  retried!: boolean;
}
