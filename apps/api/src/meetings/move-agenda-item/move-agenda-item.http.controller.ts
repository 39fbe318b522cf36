import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { requireUuidParam, MeetingWrite, type MeetingWriteRequest } from '../../common/write-request';
import { MoveAgendaItemDto } from './move-agenda-item.dto';
import { MoveAgendaItemCommand, type MoveAgendaItemResponse } from './move-agenda-item.handler';
import { ApiAuthenticated, ApiMeetingIdParam, ApiStreamWrite, ApiUuidParam } from '../../common/api-docs';
import { MoveAgendaItemAnswer } from './move-agenda-item.response';

@ApiTags('meetings')
@ApiAuthenticated()
@Controller('api/v1/meetings')
export class MoveAgendaItemHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/agenda/:caseId/move')
  @HttpCode(200)
  @ApiMeetingIdParam()
  @ApiStreamWrite()
  @ApiUuidParam('caseId', 'A case on the agenda')
  @ApiOkResponse({
    type: MoveAgendaItemAnswer,
    description: 'Moved: this meeting’s new version and the other’s',
  })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'moveAgendaItem',
    summary: 'Move a case from this meeting’s agenda to another meeting’s, keeping its priority',
  })
  move(
    @MeetingWrite() req: MeetingWriteRequest,
    @Param('caseId') caseId: string,
    @Body() body: MoveAgendaItemDto,
  ): Promise<MoveAgendaItemResponse> {
    return this.commands.execute(
      new MoveAgendaItemCommand(req, requireUuidParam(caseId, 'agenda item'), body),
    );
  }
}
