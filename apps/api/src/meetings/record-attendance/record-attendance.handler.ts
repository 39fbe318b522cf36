import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Party } from '@app/case-domain';
import type { WriteResponse } from '@app/write';
import { MeetingCommandRequest } from '../../common/write-request';
import { MeetingService } from '@app/write';
import type { RecordAttendanceDto } from './record-attendance.dto';

export class RecordAttendanceCommand extends MeetingCommandRequest<RecordAttendanceDto> {}

@CommandHandler(RecordAttendanceCommand)
export class RecordAttendanceHandler implements ICommandHandler<RecordAttendanceCommand> {
  constructor(private readonly meetings: MeetingService) {}

  async execute({ req, body }: RecordAttendanceCommand): Promise<WriteResponse> {
    const result = await this.meetings.write(req, {
      type: 'RecordAttendance',
      members: body.members.map((m) => ({ party: m.party as Party, user: m.user })),
      guests: (body.guests ?? []).map((g) => ({
        name: g.name,
        ...(g.organisation != null ? { organisation: g.organisation } : {}),
      })),
    });
    return MeetingService.response(req.meetingId, result);
  }
}
