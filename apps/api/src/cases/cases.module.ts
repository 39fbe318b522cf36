import { Module } from '@nestjs/common';
import { AcceptCaseHandler } from './accept-case/accept-case.handler';
import { AcceptCaseHttpController } from './accept-case/accept-case.http.controller';
import { GetCaseHttpController } from './get-case/get-case.http.controller';
import { ListCasesHandler } from './list-cases/list-cases.handler';
import { ListCasesHttpController } from './list-cases/list-cases.http.controller';
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
    ListCasesHttpController,
  ],
  providers: [InitiateCaseHandler, AcceptCaseHandler, ReturnCaseHandler, ResubmitCaseHandler, ListCasesHandler],
})
export class CasesModule {}

