import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { RecordFollowUpDto } from './record-follow-up.dto';
import { RecordFollowUpCommand } from './record-follow-up.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class RecordFollowUpHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/follow-ups')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('handlaggare', 'processledare')
  @ApiOperation({
    operationId: 'recordFollowUp',
    summary:
      'Record a follow-up at 3, 6, 9 or 12 months from the first insats (R10), or a year after closure (R14)',
  })
  record(@CaseWrite() req: CaseWriteRequest, @Body() body: RecordFollowUpDto): Promise<WriteResponse> {
    return this.commands.execute(new RecordFollowUpCommand(req, body));
  }
}
