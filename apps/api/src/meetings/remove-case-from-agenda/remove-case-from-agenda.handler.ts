import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResponse } from '@app/write';
import type { MeetingWriteRequest } from '../../common/write-request';
import { MeetingService } from '@app/write';

export class RemoveCaseFromAgendaCommand extends Command<WriteResponse> {
  constructor(
    readonly req: MeetingWriteRequest,
    readonly caseId: string,
  ) {
    super();
  }
}

@CommandHandler(RemoveCaseFromAgendaCommand)
export class RemoveCaseFromAgendaHandler implements ICommandHandler<RemoveCaseFromAgendaCommand> {
  constructor(private readonly meetings: MeetingService) {}

  async execute({ req, caseId }: RemoveCaseFromAgendaCommand): Promise<WriteResponse> {
    const result = await this.meetings.write(req, { type: 'RemoveCaseFromAgenda', caseId });
    return MeetingService.response(req.meetingId, result);
  }
}
