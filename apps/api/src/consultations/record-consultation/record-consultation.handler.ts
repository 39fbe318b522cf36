import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { Party } from '@app/case-domain';
import { CaseService, type WriteResponse, CommandRunner, writeResponse } from '@app/write';
import { consultationDecider, consultationStream } from '@app/case-domain';
import type { CreateRequest } from '../../common/write-request';
import type { RecordConsultationDto } from './record-consultation.dto';

export class RecordConsultationCommand extends Command<WriteResponse> {
  constructor(
    readonly req: CreateRequest,
    readonly body: RecordConsultationDto,
  ) {
    super();
  }
}

@CommandHandler(RecordConsultationCommand)
export class RecordConsultationHandler implements ICommandHandler<RecordConsultationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly cases: CaseService,
  ) {}

  async execute({ req, body }: RecordConsultationCommand): Promise<WriteResponse> {
    const consultationId = randomUUID();
    const result = await this.runner.execute(
      consultationDecider,
      {
        type: 'RecordConsultation',
        consultationId,
        insatsCode: body.insatsCode,
        ...(body.heldOn !== undefined ? { heldOn: body.heldOn } : {}),
        ...(body.party !== undefined ? { party: body.party as Party } : {}),
      },
      {
        streamId: consultationStream(consultationId),
        principal: req.caller,
        create: true,
        context: async (_state, _meta, reads) => ({
          catalogue: (await this.cases.tenantState(req.caller.tenant, reads)).catalogue,
        }),
        correlationId: req.requestId,
        causationId: req.idempotencyKey,
      },
    );
    return writeResponse(consultationId, result);
  }
}
