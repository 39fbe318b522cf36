import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  JOB_STATES,
  type JobQueue,
  type JobState,
  QUEUE_NAMES,
  type QueueName,
  JOB_QUEUE,
} from '@app/scheduling';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { jobItem, tenantJobs } from '../jobs-access';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { ListJobsAnswer } from './list-jobs.response';

export class ListJobsQueryDto {
  @ApiPropertyOptional({ enum: JOB_STATES, default: 'failed' })
  @IsOptional()
  @IsIn(JOB_STATES as unknown as string[], { message: `must be one of ${JOB_STATES.join(', ')}` })
  state?: JobState;

  @ApiPropertyOptional({ enum: QUEUE_NAMES, description: 'Only this queue (default: all)' })
  @IsOptional()
  @IsIn(QUEUE_NAMES as unknown as string[], { message: `must be one of ${QUEUE_NAMES.join(', ')}` })
  queue?: QueueName;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(500, { message: 'must be at most 500' })
  limit?: number;
}

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/jobs')
export class ListJobsHttpController {
  constructor(@Inject(JOB_QUEUE) private readonly jobs: JobQueue) {}

  @Get()
  @ApiProblems(400, 503)
  @ApiOkResponse({ type: ListJobsAnswer, description: 'The tenant’s jobs in that state, newest first' })
  @Allow('admin')
  @ApiOperation({
    operationId: 'listJobs',
    summary: 'Background jobs of the tenant: deadlines being recorded, webhook deliveries',
    description:
      'state=failed lists the jobs that ran out of attempts (JOB_ATTEMPTS, retried with backoff); they are kept until ' +
      'retried (POST /api/v1/admin/jobs/{queue}/{id}/retry). Newest first. Job data holds ids and codes only. 503 while ' +
      'Redis is unreachable.',
  })
  async list(@Caller() caller: Principal, @Query() query: ListJobsQueryDto) {
    const found = await tenantJobs(
      this.jobs,
      caller.tenant,
      query.state ?? 'failed',
      query.queue ? [query.queue] : undefined,
    );
    return { items: found.slice(0, query.limit ?? 50).map(jobItem), total: found.length, nextCursor: null };
  }
}
