import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type JobQueue,
  QUEUE_NAMES,
  type QueueName,
  QueueUnavailableError,
  JOB_QUEUE,
} from '@app/scheduling';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { notFound } from '@app/runtime';
import { queueUnavailable, tenantJobs } from '../jobs-access';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/jobs')
export class RetryJobHttpController {
  constructor(@Inject(JOB_QUEUE) private readonly jobs: JobQueue) {}

  @Post(':queue/:id/retry')
  @HttpCode(200)
  @Allow('admin')
  @ApiOperation({ summary: 'Run a failed job of the tenant again, with a fresh set of attempts' })
  @ApiOkResponse({ description: '{ queue, id, retried: true }' })
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
