import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { MeetingState, Party } from '@app/case-domain';
import type { Principal } from '@app/security';
import type { WriteResponse } from '../../cases/case.service';
import { CommandRunner, type WriteResult } from '../../write/command-runner';
import { meetingDecider, meetingStream } from '../../write/streams';
import { MeetingService } from '../meeting.service';
import type { ScheduleMeetingDto } from './schedule-meeting.dto';

export class ScheduleMeetingCommand extends Command<WriteResponse> {
  constructor(
    readonly caller: Principal,
    readonly body: ScheduleMeetingDto,
    readonly requestId?: string,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

@CommandHandler(ScheduleMeetingCommand)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeetingCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly meetings: MeetingService,
  ) {}

  async execute({ caller, body, requestId, idempotencyKey }: ScheduleMeetingCommand): Promise<WriteResponse> {
    const meetingId = randomUUID();
    let result: WriteResult<MeetingState> = await this.runner.execute(
      meetingDecider,
      {
        type: 'ScheduleMeeting',
        meetingId,
        date: body.date,
        ...(body.time !== undefined ? { time: body.time } : {}),
        ...(body.place !== undefined ? { place: body.place } : {}),
      },
      {
        streamId: meetingStream(meetingId),
        principal: caller,
        create: true,
        context: async () => ({}),
        correlationId: requestId,
        causationId: idempotencyKey,
      },
    );
    // The members and guests known at scheduling; the DTO already holds them to the decider's limits.
    if (body.members?.length || body.guests?.length) {
      const attendance = await this.meetings.write(
        { caller, meetingId, requestId, idempotencyKey },
        {
          type: 'RecordAttendance',
          members: (body.members ?? []).map((m) => ({ party: m.party as Party, user: m.user })),
          guests: (body.guests ?? []).map((g) => ({
            name: g.name,
            ...(g.organisation !== undefined ? { organisation: g.organisation } : {}),
          })),
        },
      );
      result = { ...attendance, position: attendance.position ?? result.position };
    }
    return MeetingService.response(meetingId, result);
  }
}
