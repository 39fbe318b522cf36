import { Global, Module } from '@nestjs/common';
import { PersonalDataService } from '../persons/personal-data.service';
import { CommandRunner } from '../write/command-runner';
import { TenantConfigs } from '../write/tenant-configs';
import { AcceptCaseHandler } from './accept-case/accept-case.handler';
import { AcceptCaseHttpController } from './accept-case/accept-case.http.controller';
import { CaseService } from './case.service';
import { GetCaseHttpController } from './get-case/get-case.http.controller';
import { InitiateCaseHandler } from './initiate-case/initiate-case.handler';
import { InitiateCaseHttpController } from './initiate-case/initiate-case.http.controller';
import { ResubmitCaseHandler } from './resubmit-case/resubmit-case.handler';
import { ResubmitCaseHttpController } from './resubmit-case/resubmit-case.http.controller';
import { ReturnCaseHandler } from './return-case/return-case.handler';
import { ReturnCaseHttpController } from './return-case/return-case.http.controller';

/** The life of an individärende: initiation, intake, and the case view and history. */
@Module({
  controllers: [
    InitiateCaseHttpController,
    AcceptCaseHttpController,
    ReturnCaseHttpController,
    ResubmitCaseHttpController,
    GetCaseHttpController,
  ],
  providers: [InitiateCaseHandler, AcceptCaseHandler, ReturnCaseHandler, ResubmitCaseHandler],
})
export class CasesModule {}

/** Shared by every module that writes or reads streams. */
@Global()
@Module({
  providers: [CommandRunner, TenantConfigs, CaseService, PersonalDataService],
  exports: [CommandRunner, TenantConfigs, CaseService, PersonalDataService],
})
export class WriteModule {}
