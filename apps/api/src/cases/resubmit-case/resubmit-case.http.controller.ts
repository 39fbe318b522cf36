import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { ResubmitCaseDto } from './resubmit-case.dto';
import { ResubmitCaseCommand } from './resubmit-case.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class ResubmitCaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('handlaggare', 'system', 'processledare')
  @ApiOperation({
    operationId: 'resubmitCase',
    summary: 'Complete and resubmit a returned case (R5): its initiating party or the processledare',
  })
  resubmit(@CaseWrite() req: CaseWriteRequest, @Body() body: ResubmitCaseDto): Promise<WriteResponse> {
    return this.commands.execute(new ResubmitCaseCommand(req, body));
  }
}
