import { Module } from '@nestjs/common';
import { ListJobsHttpController } from './list-jobs/list-jobs.http.controller';
import { RetryJobHttpController } from './retry-job/retry-job.http.controller';

/** The admin's view of failed background jobs, and retrying one. */
@Module({ controllers: [ListJobsHttpController, RetryJobHttpController] })
export class JobsModule {}
