import { Module } from '@nestjs/common';
import { BookSipHandler } from './book-sip/book-sip.handler';
import { BookSipHttpController } from './book-sip/book-sip.http.controller';
import { CancelSipHandler } from './cancel-sip/cancel-sip.handler';
import { CancelSipHttpController } from './cancel-sip/cancel-sip.http.controller';
import { CloseCaseHandler } from './close-case/close-case.handler';
import { CloseCaseHttpController } from './close-case/close-case.http.controller';
import { EndInsatsHandler } from './end-insats/end-insats.handler';
import { EndInsatsHttpController } from './end-insats/end-insats.http.controller';
import { EndPartyInvolvementHandler } from './end-party-involvement/end-party-involvement.handler';
import { EndPartyInvolvementHttpController } from './end-party-involvement/end-party-involvement.http.controller';
import { HandOverOwnershipHandler } from './hand-over-ownership/hand-over-ownership.handler';
import { HandOverOwnershipHttpController } from './hand-over-ownership/hand-over-ownership.http.controller';
import { RecordFollowUpHandler } from './record-follow-up/record-follow-up.handler';
import { RecordFollowUpHttpController } from './record-follow-up/record-follow-up.http.controller';
import { RecordSipHeldHandler } from './record-sip-held/record-sip-held.handler';
import { RecordSipHeldHttpController } from './record-sip-held/record-sip-held.http.controller';
import { ReopenCaseHandler } from './reopen-case/reopen-case.handler';
import { ReopenCaseHttpController } from './reopen-case/reopen-case.http.controller';
import { RequestSipHandler } from './request-sip/request-sip.handler';
import { RequestSipHttpController } from './request-sip/request-sip.http.controller';
import { StartInsatsHandler } from './start-insats/start-insats.handler';
import { StartInsatsHttpController } from './start-insats/start-insats.http.controller';
import { WithdrawConsentHandler } from './withdraw-consent/withdraw-consent.handler';
import { WithdrawConsentHttpController } from './withdraw-consent/withdraw-consent.http.controller';

/** Coordination work on a case: SIP, insatser, follow-ups, ownership, closure, reopening, consent withdrawal. */
@Module({
  controllers: [
    RequestSipHttpController,
    BookSipHttpController,
    RecordSipHeldHttpController,
    CancelSipHttpController,
    StartInsatsHttpController,
    EndInsatsHttpController,
    RecordFollowUpHttpController,
    HandOverOwnershipHttpController,
    EndPartyInvolvementHttpController,
    CloseCaseHttpController,
    ReopenCaseHttpController,
    WithdrawConsentHttpController,
  ],
  providers: [
    RequestSipHandler,
    BookSipHandler,
    RecordSipHeldHandler,
    CancelSipHandler,
    StartInsatsHandler,
    EndInsatsHandler,
    RecordFollowUpHandler,
    HandOverOwnershipHandler,
    EndPartyInvolvementHandler,
    CloseCaseHandler,
    ReopenCaseHandler,
    WithdrawConsentHandler,
  ],
})
export class CaseWorkModule {}
