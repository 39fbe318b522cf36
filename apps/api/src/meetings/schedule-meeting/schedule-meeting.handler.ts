import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type MeetingState, type Party, type RecordAttendance, type ScheduleMeeting, decideMeeting, evolveMeeting, meetingDecider, meetingStream } from '@app/case-domain';
import type { Principal } from '@app/security';
import type { WriteResponse } from '@app/write';
import { CommandRunner, type WriteResult, MeetingService } from '@app/write';
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

/**
 * The meeting, then the members and guests known at scheduling (RecordAttendance), are two
 * appends: both are decided before the first, so attendance the decider refuses writes nothing.
 */
@CommandHandler(ScheduleMeetingCommand)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeetingCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly meetings: MeetingService,
  ) {}

  async execute({ caller, body, requestId, idempotencyKey }: ScheduleMeetingCommand): Promise<WriteResponse> {
    const meetingId = randomUUID();
    const schedule: ScheduleMeeting = {
      type: 'ScheduleMeeting',
      meetingId,
      date: body.date,
      // An optional field sent as null is absent, as everywhere in the API.
      ...(body.time != null ? { time: body.time } : {}),
      ...(body.place != null ? { place: body.place } : {}),
    };
    const attendance: RecordAttendance | undefined =
      body.members?.length || body.guests?.length
        ? {
            type: 'RecordAttendance',
            members: (body.members ?? []).map((m) => ({ party: m.party as Party, user: m.user })),
            guests: (body.guests ?? []).map((g) => ({
              name: g.name,
              ...(g.organisation != null ? { organisation: g.organisation } : {}),
            })),
          }
        : undefined;
    let result: WriteResult<MeetingState> = await this.runner.execute(
      meetingDecider,
      async (state, ctx, meta) => {
        if (attendance) {
          const scheduled = decideMeeting(schedule, state, ctx, meta).reduce(evolveMeeting, state);
          decideMeeting(attendance, scheduled, ctx, meta);
        }
        return schedule;
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
    if (attendance) {
      const recorded = await this.meetings.write(
        { caller, meetingId, requestId, idempotencyKey },
        attendance,
      );
      result = { ...recorded, position: recorded.position ?? result.position };
    }
    return MeetingService.response(meetingId, result);
  }
}
