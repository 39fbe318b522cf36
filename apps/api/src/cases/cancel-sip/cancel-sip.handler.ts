import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type CaseWriteRequest, type WriteResponse } from '@app/write';
import type { CancelSipDto } from './cancel-sip.dto';

export class CancelSipCommand extends CaseCommandRequest<CancelSipDto> {
  constructor(
    req: CaseWriteRequest,
    body: CancelSipDto,
    readonly sipId: string,
  ) {
    super(req, body);
  }
}

@CommandHandler(CancelSipCommand)
export class CancelSipHandler implements ICommandHandler<CancelSipCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body, sipId }: CancelSipCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => ({
      type: 'CancelSip',
      sipId,
      reason: await this.personal.sealOptional(
        req.caller.tenant,
        state.person.personId,
        body.reason ?? undefined,
      ),
      cancelledOn: body.cancelledOn,
    }));
    return CaseService.response(req.caseId, result);
  }
}
