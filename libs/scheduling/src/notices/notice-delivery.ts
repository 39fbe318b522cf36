import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EventStore, RecordedEvent, SqlQueryable } from '@app/event-store';
import { type JobQueue, PermanentJobError, QueueUnavailableError, type RunningJob } from '../jobs/job-queue';
import { isNoticing, noticesOf } from '@app/read-models';
import { SubscriptionRunner, APP_CONFIG, type AppConfig } from '@app/runtime';
import { JOB_QUEUE } from '../jobs/job-queue.provider';
import { runsBackground } from '../jobs/runs-background';
import { type WebhookJobData, WebhookService, webhookJobId } from './webhook.service';

/** The reactor's consumer name (its checkpoint); it is not a read model and is never rebuilt. */
export const NOTICE_WEBHOOKS_REACTOR = 'notice-webhooks';
const SWEEP_LIMIT = 500;

/**
 * Webhook delivery of notices. A checkpointed reactor turns each notice to a party with a webhook
 * into a job whose id is derived from the event and the party, so a batch applied again enqueues
 * nothing new; while the queue is unreachable the reactor keeps its checkpoint and tries again.
 * The job POSTs the signed notice and is retried with backoff. A sweep on the tick re-enqueues
 * notices never delivered (jobs lost with the embedded queue on a restart).
 */
@Injectable()
export class NoticeDelivery implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Notices');
  private waitingForQueue = false;

  constructor(
    private readonly runner: SubscriptionRunner,
    private readonly webhooks: WebhookService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    if (this.runner.get(NOTICE_WEBHOOKS_REACTOR)) return;
    this.runner.register({
      name: NOTICE_WEBHOOKS_REACTOR,
      batchSize: 200,
      idleMs: 500,
      handle: (events, tx, store) => this.react(events, tx, store),
      accepts: isNoticing,
      onError: (err) => {
        // One line per outage of the queue, not one per retry.
        if (err instanceof QueueUnavailableError) {
          if (!this.waitingForQueue) this.logger.warn('job queue unavailable: webhook notices wait for it');
          this.waitingForQueue = true;
          return;
        }
        this.logger.error(
          { consumer: NOTICE_WEBHOOKS_REACTOR, err: { name: (err as Error)?.name } },
          'batch failed; retrying',
        );
      },
    });
  }

  onApplicationBootstrap(): void {
    if (!runsBackground(this.moduleRef)) return;
    this.jobs.work('notices', (job) => this.handle(job), 5);
    this.jobs.every('notices', 'notice-sweep', 'sweep', this.config.deadlineTickSeconds * 1000);
  }

  async react(events: RecordedEvent[], tx: SqlQueryable, store: EventStore): Promise<void> {
    const notices = await noticesOf(events, tx, store);
    if (notices.length > 0) {
      const hooks = await this.webhooks.configured(tx, [...new Set(notices.map((n) => n.tenant))]);
      for (const n of notices) {
        if (!hooks.has(`${n.tenant}/${n.party}`)) continue;
        const data: WebhookJobData = {
          tenant: n.tenant,
          party: n.party,
          noticeId: n.id,
          caseId: n.caseId,
          kind: n.kind,
          occurredOn: n.occurredOn,
        };
        await this.jobs.add('notices', 'webhook', { ...data }, { jobId: webhookJobId(n.id) });
      }
    }
    this.waitingForQueue = false;
  }

  private async handle(job: RunningJob): Promise<void> {
    if (job.name === 'webhook') {
      await this.webhooks.deliver(job.data as unknown as WebhookJobData);
      return;
    }
    if (job.name === 'sweep') {
      await this.sweep();
      return;
    }
    throw new PermanentJobError(`unknown job ${job.name}`);
  }

  async sweep(): Promise<number> {
    const pending = await this.webhooks.undelivered(SWEEP_LIMIT);
    for (const data of pending)
      await this.jobs.add('notices', 'webhook', { ...data }, { jobId: webhookJobId(data.noticeId) });
    return pending.length;
  }
}
