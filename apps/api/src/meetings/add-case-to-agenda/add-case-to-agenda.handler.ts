import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseService, type WriteResponse, CommandRunner, MeetingService } from '@app/write';
import { caseDecider, caseStream } from '@app/case-domain';
import { MeetingCommandRequest } from '../../common/write-request';
import type { AddCaseToAgendaDto } from './add-case-to-agenda.dto';

export class AddCaseToAgendaCommand extends MeetingCommandRequest<AddCaseToAgendaDto> {}

@CommandHandler(AddCaseToAgendaCommand)
export class AddCaseToAgendaHandler implements ICommandHandler<AddCaseToAgendaCommand> {
  constructor(
    private readonly meetings: MeetingService,
    private readonly cases: CaseService,
    private readonly runner: CommandRunner,
  ) {}

  async execute({ req, body }: AddCaseToAgendaCommand): Promise<WriteResponse> {
    const caseId = body.caseId.toLowerCase();
    // An unknown case, or one the caller may not see, is a 404 before the meeting is touched.
    await this.cases.read(req.caller, caseId);
    const result = await this.meetings.write(
      req,
      {
        type: 'AddCaseToAgenda',
        caseId,
        ...(body.priority != null ? { priority: body.priority } : {}),
      },
      async () => ({
        caseState: (await this.runner.load(caseDecider, caseStream(caseId), req.caller.tenant))?.state,
      }),
    );
    return MeetingService.response(req.meetingId, result);
  }
}
