import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { ReopenCaseDto } from './reopen-case.dto';

export class ReopenCaseCommand extends CaseCommandRequest<ReopenCaseDto> {}

@CommandHandler(ReopenCaseCommand)
export class ReopenCaseHandler implements ICommandHandler<ReopenCaseCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body }: ReopenCaseCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => ({
      type: 'ReopenCase',
      reason: await this.personal.seal(req.caller.tenant, state.person.personId, body.reason),
      reopenedOn: body.reopenedOn,
    }));
    return CaseService.response(req.caseId, result);
  }
}
