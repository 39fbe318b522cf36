import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { AcceptCaseDto } from './accept-case.dto';
import { AcceptCaseCommand } from './accept-case.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class AcceptCaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/accept')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'acceptCase',
    summary: 'Accept a submitted case at intake (R5); it may then go on an agenda',
  })
  accept(@CaseWrite() req: CaseWriteRequest, @Body() body: AcceptCaseDto): Promise<WriteResponse> {
    return this.commands.execute(new AcceptCaseCommand(req, body));
  }
}
