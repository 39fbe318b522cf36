import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MeetingService, type WriteResponse } from '@app/write';
import { MeetingCommandRequest } from '../../common/write-request';
import type { ReorderAgendaDto } from './reorder-agenda.dto';

export class ReorderAgendaCommand extends MeetingCommandRequest<ReorderAgendaDto> {}

@CommandHandler(ReorderAgendaCommand)
export class ReorderAgendaHandler implements ICommandHandler<ReorderAgendaCommand> {
  constructor(private readonly meetings: MeetingService) {}

  async execute({ req, body }: ReorderAgendaCommand): Promise<WriteResponse> {
    const result = await this.meetings.write(req, {
      type: 'ReorderAgenda',
      caseIds: body.caseIds.map((id) => id.toLowerCase()),
    });
    return MeetingService.response(req.meetingId, result);
  }
}
