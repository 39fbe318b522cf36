import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { MeetingWrite, type MeetingWriteRequest } from '../../common/write-request';
import { ReorderAgendaDto } from './reorder-agenda.dto';
import { ReorderAgendaCommand } from './reorder-agenda.handler';
import { ApiAuthenticated, ApiMeetingIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('meetings')
@ApiAuthenticated()
@Controller('api/v1/meetings')
export class ReorderAgendaHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/agenda/order')
  @HttpCode(200)
  @ApiMeetingIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({
    type: WriteAnswer,
    description: 'Written (or already in this order): the meeting’s version (also the ETag)',
  })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'reorderAgenda',
    summary: 'Set the agenda’s order: every case on it, first to last',
    description:
      'From then on the agenda is shown in this order; a case added later goes last, a priority case before the first case without priority.',
  })
  reorder(@MeetingWrite() req: MeetingWriteRequest, @Body() body: ReorderAgendaDto): Promise<WriteResponse> {
    return this.commands.execute(new ReorderAgendaCommand(req, body));
  }
}
