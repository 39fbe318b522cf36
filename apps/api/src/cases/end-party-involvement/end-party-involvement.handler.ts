import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Party } from '@app/case-domain';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type CaseWriteRequest, type WriteResponse } from '@app/write';
import type { EndPartyInvolvementDto } from './end-party-involvement.dto';

export class EndPartyInvolvementCommand extends CaseCommandRequest<EndPartyInvolvementDto> {
  constructor(
    req: CaseWriteRequest,
    body: EndPartyInvolvementDto,
    readonly party: Party,
  ) {
    super(req, body);
  }
}

@CommandHandler(EndPartyInvolvementCommand)
export class EndPartyInvolvementHandler implements ICommandHandler<EndPartyInvolvementCommand> {
  constructor(private readonly cases: CaseService) {}

  // That a caseworker ends only its own party's involvement is decided by decideEndPartyInvolvement (R12).
  async execute({ req, body, party }: EndPartyInvolvementCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, () => ({
      type: 'EndPartyInvolvement',
      party,
      endedOn: body.endedOn,
    }));
    return CaseService.response(req.caseId, result);
  }
}
