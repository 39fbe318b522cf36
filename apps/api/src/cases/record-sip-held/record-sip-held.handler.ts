import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '@app/security';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type CaseWriteRequest, type WriteResponse } from '@app/write';
import type { RecordSipHeldDto } from './record-sip-held.dto';

export class RecordSipHeldCommand extends CaseCommandRequest<RecordSipHeldDto> {
  constructor(
    req: CaseWriteRequest,
    body: RecordSipHeldDto,
    readonly sipId: string,
  ) {
    super(req, body);
  }
}

@CommandHandler(RecordSipHeldCommand)
export class RecordSipHeldHandler implements ICommandHandler<RecordSipHeldCommand> {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body, sipId }: RecordSipHeldCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, async (state) => {
      const seal = (text: string) => this.personal.seal(req.caller.tenant, state.person.personId, text);
      return {
        type: 'RecordSipHeld',
        sipId,
        heldOn: body.heldOn,
        attendees: body.attendees,
        plan: await Promise.all(
          body.plan.map(async (item) => ({
            goal: await seal(item.goal),
            action: await seal(item.action),
            responsibleParty: item.responsibleParty,
          })),
        ),
        personAttended: body.personAttended ?? undefined,
      };
    });
    return CaseService.response(req.caseId, result);
  }
}
