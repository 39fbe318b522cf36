import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { StartInsatsDto } from './start-insats.dto';

export interface InsatsStartedResponse extends WriteResponse {
  insatsId: string;
}

export class StartInsatsCommand extends CaseCommandRequest<StartInsatsDto> {}

@CommandHandler(StartInsatsCommand)
export class StartInsatsHandler implements ICommandHandler<StartInsatsCommand> {
  constructor(private readonly cases: CaseService) {}

  async execute({ req, body }: StartInsatsCommand): Promise<InsatsStartedResponse> {
    const insatsId = randomUUID();
    const result = await this.cases.write(req, () => ({
      type: 'StartInsats',
      insatsId,
      insatsCode: body.insatsCode,
      startedOn: body.startedOn,
      step: body.step ?? undefined,
      vas: body.vas ?? undefined,
    }));
    return { ...CaseService.response(req.caseId, result), insatsId };
  }
}
