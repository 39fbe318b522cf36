import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import type { JobQueue } from '@app/scheduling';
import { StoreHealth } from '../database/database.module';
import { JOB_QUEUE } from '../scheduling/job-queue.provider';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: StoreHealth,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The process is alive.' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({
    description:
      'The store is reachable and migrated. checks.queue: up (Redis answers), embedded (no REDIS_URL: jobs run in-process) ' +
      'or degraded (Redis unreachable: commands are still accepted, deadlines and webhooks wait for it; never makes ' +
      'the service not ready).',
  })
  @ApiServiceUnavailableResponse({ description: 'The store is unreachable or not migrated.' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const [storeUp, queue] = await Promise.all([this.store.isReady(), this.jobs.status()]);
    const store = storeUp ? 'up' : 'down';
    const ready = store === 'up';
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not-ready', checks: { store, queue } };
  }
}
