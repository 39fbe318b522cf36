import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  JOB_QUEUE,
  type JobQueue,
  QUEUE_NAMES,
  type QueueName,
  QueueUnavailableError,
} from '@app/scheduling';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { notFound } from '@app/runtime';
import { queueUnavailable, tenantJobs } from '../jobs-access';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { RetryJobAnswer } from '../list-jobs/list-jobs.response';

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/jobs')
export class RetryJobHttpController {
  constructor(@Inject(JOB_QUEUE) private readonly jobs: JobQueue) {}

  @Post(':queue/:id/retry')
  @HttpCode(200)
  @ApiParam({ name: 'queue', enum: QUEUE_NAMES })
  @ApiParam({ name: 'id', description: 'The job id' })
  @ApiProblems(400, 404, 409, 503)
  @ApiOkResponse({ type: RetryJobAnswer, description: 'The job runs again' })
  @Allow('admin')
  @ApiOperation({
    operationId: 'retryJob',
    summary: 'Run a failed job of the tenant again, with a fresh set of attempts',
  })
  async retry(@Caller() caller: Principal, @Param('queue') queue: string, @Param('id') id: string) {
    if (!(QUEUE_NAMES as readonly string[]).includes(queue)) throw notFound('job');
    const failed = await tenantJobs(this.jobs, caller.tenant, 'failed', [queue as QueueName]);
    if (!failed.some((j) => j.id === id)) throw notFound('job');
    try {
      if (!(await this.jobs.retry(queue as QueueName, id))) throw notFound('job');
    } catch (err) {
      if (err instanceof QueueUnavailableError) throw queueUnavailable();
      throw err;
    }
    return { queue, id, retried: true };
  }
}
