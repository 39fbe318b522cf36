import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ResubmitCase } from '@app/case-domain';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { ResubmitCaseDto } from './resubmit-case.dto';

export class ResubmitCaseCommand extends CaseCommandRequest<ResubmitCaseDto> {}

@CommandHandler(ResubmitCaseCommand)
export class ResubmitCaseHandler implements ICommandHandler<ResubmitCaseCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body }: ResubmitCaseCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => {
      const seal = (text?: string) =>
        this.personal.sealOptional(req.caller.tenant, state.person.personId, text);
      // An optional field sent as null is absent: nothing of it changes.
      return {
        type: 'ResubmitCase',
        question: await seal(body.question ?? undefined),
        needs: await seal(body.needs ?? undefined),
        otherParties: (body.otherParties ?? undefined) as ResubmitCase['otherParties'],
        resubmittedOn: body.resubmittedOn ?? undefined,
      };
    });
    return CaseService.response(req.caseId, result);
  }
}
