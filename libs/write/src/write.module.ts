import { Global, Module } from '@nestjs/common';
import { CaseService } from './case.service';
import { CommandRunner } from './command-runner';
import { MeetingService } from './meeting.service';
import { TenantConfigs } from './tenant-configs';

/** The write path, shared by the HTTP slices, the reactors and the deadline runner. */
@Global()
@Module({
  providers: [CommandRunner, TenantConfigs, CaseService, MeetingService],
  exports: [CommandRunner, TenantConfigs, CaseService, MeetingService],
})
export class WriteModule {}
