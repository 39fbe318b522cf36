import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { ReturnCaseDto } from './return-case.dto';
import { ReturnCaseCommand } from './return-case.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class ReturnCaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/return')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'returnCase',
    summary: 'Return a submitted case to its initiator for completion, with a reason (R5)',
  })
  returnCase(@CaseWrite() req: CaseWriteRequest, @Body() body: ReturnCaseDto): Promise<WriteResponse> {
    return this.commands.execute(new ReturnCaseCommand(req, body));
  }
}
