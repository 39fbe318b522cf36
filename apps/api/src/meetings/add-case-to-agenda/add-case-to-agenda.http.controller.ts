import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { MeetingWrite, type MeetingWriteRequest } from '../../common/write-request';
import { AddCaseToAgendaDto } from './add-case-to-agenda.dto';
import { AddCaseToAgendaCommand } from './add-case-to-agenda.handler';
import { ApiAuthenticated, ApiMeetingIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('meetings')
@ApiAuthenticated()
@Controller('api/v1/meetings')
export class AddCaseToAgendaHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/agenda')
  @HttpCode(200)
  @ApiMeetingIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the meeting’s new version (also the ETag)' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'addCaseToAgenda',
    summary: 'Put an accepted case awaiting a decision on the meeting’s agenda (R5)',
  })
  add(@MeetingWrite() req: MeetingWriteRequest, @Body() body: AddCaseToAgendaDto): Promise<WriteResponse> {
    return this.commands.execute(new AddCaseToAgendaCommand(req, body));
  }
}
