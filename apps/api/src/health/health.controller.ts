import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthLive, HealthReady } from './health.response';
import type { HttpReply } from '../common/http';
import { Public } from '../auth/public.decorator';
import type { JobQueue } from '@app/scheduling';
import { StoreHealth, SubscriptionRunner, APP_CONFIG, type AppConfig } from '@app/runtime';
import { JOB_QUEUE } from '@app/scheduling';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: StoreHealth,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly consumers: SubscriptionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: HealthLive, description: 'The process is alive.' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: the store is reachable and migrated, no consumer stalled',
  })
  @ApiOkResponse({
    type: HealthReady,
    description:
      'The store is reachable and migrated. checks.queue: up (Redis answers), embedded (no REDIS_URL: jobs run in-process) ' +
      'or degraded (Redis unreachable: commands are still accepted, deadlines and webhooks wait for it; never makes ' +
      'the service not ready).',
  })
  @ApiServiceUnavailableResponse({
    type: HealthReady,
    description:
      'The store is unreachable or not migrated, or a consumer (projection, reactor) is stalled: events wait beyond ' +
      'its checkpoint and it has not moved for CONSUMER_STALL_SECONDS (named in `stalled`).',
  })
  async ready(@Res({ passthrough: true }) res: HttpReply) {
    const [storeUp, queue] = await Promise.all([this.store.isReady(), this.jobs.status()]);
    const store = storeUp ? 'up' : 'down';
    const stalled = storeUp
      ? await this.consumers.stalled(this.config.consumerStallSeconds * 1000).catch(() => [])
      : [];
    const ready = store === 'up' && stalled.length === 0;
    res.status(ready ? 200 : 503);
    return {
      status: ready ? 'ready' : 'not-ready',
      checks: { store, queue, consumers: stalled.length ? 'stalled' : 'up' },
      ...(stalled.length ? { stalled } : {}),
    };
  }
}
