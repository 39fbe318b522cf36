import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type CaseWriteRequest, type WriteResponse } from '@app/write';
import type { EndInsatsDto } from './end-insats.dto';

export class EndInsatsCommand extends CaseCommandRequest<EndInsatsDto> {
  constructor(
    req: CaseWriteRequest,
    body: EndInsatsDto,
    readonly insatsId: string,
  ) {
    super(req, body);
  }
}

@CommandHandler(EndInsatsCommand)
export class EndInsatsHandler implements ICommandHandler<EndInsatsCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body, insatsId }: EndInsatsCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => ({
      type: 'EndInsats',
      insatsId,
      endedOn: body.endedOn,
      reason: body.reason,
      subtype: body.subtype ?? undefined,
      extentPercent: body.extentPercent ?? undefined,
      otherReason: await this.personal.sealOptional(
        req.caller.tenant,
        state.person.personId,
        body.otherReason ?? undefined,
      ),
    }));
    return CaseService.response(req.caseId, result);
  }
}
