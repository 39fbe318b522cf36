import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { CloseCaseDto } from './close-case.dto';

export class CloseCaseCommand extends CaseCommandRequest<CloseCaseDto> {}

@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  // Who may close (a processledare, or the ärendebärare's party) is decided by decideCloseCase (R12).
  async execute({ req, body }: CloseCaseCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => ({
      type: 'CloseCase',
      closedOn: body.closedOn,
      outcome: body.outcome,
      subtype: body.subtype ?? undefined,
      extentPercent: body.extentPercent ?? undefined,
      otherReason: await this.personal.sealOptional(
        req.caller.tenant,
        state.person.personId,
        body.otherReason ?? undefined,
      ),
      // The decider refuses anything but true with the rule's name (R12).
      slutdokumentation: body.slutdokumentation as true,
      survey: { offered: body.survey.offered, answered: body.survey.answered },
      step: body.step ?? undefined,
      vas: body.vas ?? undefined,
    }));
    return CaseService.response(req.caseId, result);
  }
}
