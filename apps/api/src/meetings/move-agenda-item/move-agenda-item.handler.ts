import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AddCaseToAgenda, type MoveAgendaItem, decideMeeting, caseDecider, caseStream } from '@app/case-domain';
import type { WriteResponse } from '@app/write';
import { CommandRunner, MeetingService, completeSecondWrite } from '@app/write';
import type { MeetingWriteRequest } from '../../common/write-request';
import type { MoveAgendaItemDto } from './move-agenda-item.dto';

export interface MoveAgendaItemResponse extends WriteResponse {
  /** The meeting the case moved to, with its new version. */
  toMeeting: { id: string; version: number };
}

export class MoveAgendaItemCommand extends Command<MoveAgendaItemResponse> {
  constructor(
    readonly req: MeetingWriteRequest,
    readonly caseId: string,
    readonly body: MoveAgendaItemDto,
  ) {
    super();
  }
}

/**
 * Recorded on the meeting the case leaves (AgendaItemMoved), then added to the target's agenda
 * (AddCaseToAgenda { movedFrom }) keeping its priority. Before anything is written the target's
 * decider is asked too, so a move the target would refuse writes nothing.
 */
@CommandHandler(MoveAgendaItemCommand)
export class MoveAgendaItemHandler implements ICommandHandler<MoveAgendaItemCommand> {
  constructor(
    private readonly meetings: MeetingService,
    private readonly runner: CommandRunner,
  ) {}

  async execute({ req, caseId, body }: MoveAgendaItemCommand): Promise<MoveAgendaItemResponse> {
    const tenant = req.caller.tenant;
    const toMeetingId = body.toMeetingId.toLowerCase();
    const caseState = async () => (await this.runner.load(caseDecider, caseStream(caseId), tenant))?.state;
    const addTo = (priority: boolean): AddCaseToAgenda => ({
      type: 'AddCaseToAgenda',
      caseId,
      priority,
      movedFrom: req.meetingId,
    });
    let priority = false;

    const moved = await this.meetings.write(
      req,
      (state, ctx, meta) => {
        const move: MoveAgendaItem = { type: 'MoveAgendaItem', caseId, toMeetingId };
        priority =
          (state.status === 'SCHEDULED' && state.agenda.find((i) => i.caseId === caseId)?.priority) || false;
        decideMeeting(move, state, ctx, meta);
        decideMeeting(addTo(priority), ctx.targetMeeting!, { caseState: ctx.caseState }, meta);
        return move;
      },
      async () => ({
        targetMeeting: await this.meetings.state(tenant, toMeetingId),
        caseState: await caseState(),
      }),
    );

    const target = { ...req, meetingId: toMeetingId };
    const added = await completeSecondWrite(
      () =>
        this.meetings.write(target, addTo(priority), async () => ({ caseState: await caseState() }), {
          expectedVersion: null,
        }),
      async () => {
        const now = await this.meetings.read(tenant, toMeetingId);
        return now.state.agenda.some((i) => i.caseId === caseId)
          ? { version: now.version, events: [], state: now.state }
          : undefined;
      },
    );
    return {
      ...MeetingService.response(req.meetingId, moved),
      ...(added.position !== undefined ? { position: added.position } : {}),
      toMeeting: { id: toMeetingId, version: added.version },
    };
  }
}
