import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { agendaInOrder } from '@app/case-domain';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { requireUuidParam } from '../../common/write-request';
import { MeetingService, type ScheduledMeeting } from '@app/write';
import { ApiAuthenticated, ApiMeetingIdParam, ApiProblems } from '../../common/api-docs';
import { MeetingView } from './meeting-view.response';

/** The meeting as members read it: the agenda in the processledare's order and the protocol. */
export function meetingView(state: ScheduledMeeting, version: number) {
  return {
    id: state.meetingId,
    version,
    date: state.date,
    ...(state.time !== undefined ? { time: state.time } : {}),
    ...(state.place !== undefined ? { place: state.place } : {}),
    agenda: agendaInOrder(state).map((item) => ({
      caseId: item.caseId,
      priority: item.priority,
      caseInitiatedOn: item.caseInitiatedOn,
      addedOn: item.addedOn,
    })),
    decisions: state.decisions.map((d) => ({
      caseId: d.caseId,
      decision: d.decision,
      decidedOn: d.decidedOn,
    })),
    attendance: { members: state.members, guests: state.guests },
    movedOut: state.movedOut,
  };
}

@ApiTags('meetings')
@ApiAuthenticated()
@Controller('api/v1/meetings')
export class GetMeetingHttpController {
  constructor(private readonly meetings: MeetingService) {}

  @Get(':id')
  @ApiMeetingIdParam()
  @ApiProblems(404)
  @ApiOkResponse({ type: MeetingView, description: 'The meeting, its agenda, protocol and attendance' })
  @Allow('processledare', 'beredning')
  @ApiOperation({
    operationId: 'getMeeting',
    summary:
      'A meeting: the agenda (in the processledare’s order once set, else priority first, then oldest case first), the decisions (the protocol) and the attendance',
  })
  async get(@Caller() caller: Principal, @Param('id') id: string) {
    const { state, version } = await this.meetings.read(caller.tenant, requireUuidParam(id, 'meeting'));
    return meetingView(state, version);
  }
}
