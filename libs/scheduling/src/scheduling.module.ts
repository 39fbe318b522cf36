import {
  type BeforeApplicationShutdown,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { JobQueue } from './jobs/job-queue';
import { NoticeDelivery } from './notices/notice-delivery';
import { WebhookService } from './notices/webhook.service';
import { MeetingProtocolReactor } from './reactors/meeting-protocol.reactor';
import { PersonalDataErasureReactor } from './reactors/personal-data-erasure.reactor';
import { DeadlineRunner } from './deadlines/deadline-runner';
import { JOB_QUEUE, jobQueueProvider } from './jobs/job-queue.provider';

/**
 * Background work: the job queue (BullMQ on Redis, or embedded), the deadline runner, the reactors
 * (meeting protocol, personal-data erasure, notice delivery) and webhook delivery. The read models
 * they read are among the PROJECTIONS.
 */
@Global()
@Module({
  providers: [
    jobQueueProvider,
    DeadlineRunner,
    MeetingProtocolReactor,
    PersonalDataErasureReactor,
    WebhookService,
    NoticeDelivery,
  ],
  exports: [JOB_QUEUE, DeadlineRunner, WebhookService],
})
export class SchedulingModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly jobs: JobQueue) {}

  /** No new jobs are taken once shutdown begins; the jobs in hand finish first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs.stopWorking();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}
