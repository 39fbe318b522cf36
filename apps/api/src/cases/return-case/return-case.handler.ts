import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { ReturnCaseDto } from './return-case.dto';

export class ReturnCaseCommand extends CaseCommandRequest<ReturnCaseDto> {}

@CommandHandler(ReturnCaseCommand)
export class ReturnCaseHandler implements ICommandHandler<ReturnCaseCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body }: ReturnCaseCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => ({
      type: 'ReturnCase',
      reason: await this.personal.seal(req.caller.tenant, state.person.personId, body.reason),
      returnedOn: body.returnedOn,
    }));
    return CaseService.response(req.caseId, result);
  }
}
