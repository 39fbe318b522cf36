import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { ReopenCaseDto } from './reopen-case.dto';
import { ReopenCaseCommand } from './reopen-case.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class ReopenCaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'reopenCase',
    summary: 'Reopen a closed case with a reason (R13); its history continues in the same stream',
  })
  reopen(@CaseWrite() req: CaseWriteRequest, @Body() body: ReopenCaseDto): Promise<WriteResponse> {
    return this.commands.execute(new ReopenCaseCommand(req, body));
  }
}
