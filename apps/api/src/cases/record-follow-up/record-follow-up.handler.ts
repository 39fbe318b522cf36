import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { RecordFollowUpDto } from './record-follow-up.dto';

export class RecordFollowUpCommand extends CaseCommandRequest<RecordFollowUpDto> {}

@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler implements ICommandHandler<RecordFollowUpCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body }: RecordFollowUpCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => ({
      type: 'RecordFollowUp',
      month: body.month,
      recordedOn: body.recordedOn,
      incomeSource: body.incomeSource,
      step: body.step,
      vas: body.vas ?? undefined,
      notes: await this.personal.sealOptional(
        req.caller.tenant,
        state.person.personId,
        body.notes ?? undefined,
      ),
    }));
    return CaseService.response(req.caseId, result);
  }
}
