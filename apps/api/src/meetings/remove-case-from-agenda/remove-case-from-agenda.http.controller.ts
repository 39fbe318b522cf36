import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { requireUuidParam, MeetingWrite, type MeetingWriteRequest } from '../../common/write-request';
import type { WriteResponse } from '@app/write';
import { RemoveCaseFromAgendaCommand } from './remove-case-from-agenda.handler';
import {
  ApiAuthenticated,
  ApiMeetingIdParam,
  ApiStreamWrite,
  ApiUuidParam,
  WriteAnswer,
} from '../../common/api-docs';

@ApiTags('meetings')
@ApiAuthenticated()
@Controller('api/v1/meetings')
export class RemoveCaseFromAgendaHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/agenda/:caseId')
  @HttpCode(200)
  @ApiMeetingIdParam()
  @ApiStreamWrite()
  @ApiUuidParam('caseId', 'A case on the agenda')
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the meeting’s new version (also the ETag)' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'removeCaseFromAgenda',
    summary: 'Take a case off the meeting’s agenda; the removal is recorded, the history kept',
  })
  remove(@MeetingWrite() req: MeetingWriteRequest, @Param('caseId') caseId: string): Promise<WriteResponse> {
    return this.commands.execute(
      new RemoveCaseFromAgendaCommand(req, requireUuidParam(caseId, 'agenda item')),
    );
  }
}
