import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { RequestSipDto } from './request-sip.dto';

export interface SipRequestedResponse extends WriteResponse {
  sipId: string;
}

export class RequestSipCommand extends CaseCommandRequest<RequestSipDto> {}

@CommandHandler(RequestSipCommand)
export class RequestSipHandler implements ICommandHandler<RequestSipCommand> {
  constructor(private readonly cases: CaseService) {}

  async execute({ req, body }: RequestSipCommand): Promise<SipRequestedResponse> {
    const sipId = randomUUID();
    const result = await this.cases.write(req, () => ({
      type: 'RequestSip',
      sipId,
      initiatorRole: body.initiatorRole,
      kind: body.kind,
      formote: body.formote,
      requestedOn: body.requestedOn,
    }));
    return { ...CaseService.response(req.caseId, result), sipId };
  }
}
