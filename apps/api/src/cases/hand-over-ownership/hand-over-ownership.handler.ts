import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { HandOverOwnershipDto } from './hand-over-ownership.dto';

export class HandOverOwnershipCommand extends CaseCommandRequest<HandOverOwnershipDto> {}

@CommandHandler(HandOverOwnershipCommand)
export class HandOverOwnershipHandler implements ICommandHandler<HandOverOwnershipCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body }: HandOverOwnershipCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => ({
      type: 'HandOverOwnership',
      toParty: body.toParty,
      toUser: body.toUser ?? undefined,
      reason: await this.personal.sealOptional(
        req.caller.tenant,
        state.person.personId,
        body.reason ?? undefined,
      ),
      handedOverOn: body.handedOverOn,
    }));
    return CaseService.response(req.caseId, result);
  }
}
