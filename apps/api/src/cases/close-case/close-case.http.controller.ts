import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { CloseCaseDto } from './close-case.dto';
import { CloseCaseCommand } from './close-case.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class CloseCaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('processledare', 'handlaggare')
  @ApiOperation({
    operationId: 'closeCase',
    summary:
      'Close the case with one outcome (R12): the processledare or the ärendebärare; slutdokumentation confirmed, survey offered',
  })
  close(@CaseWrite() req: CaseWriteRequest, @Body() body: CloseCaseDto): Promise<WriteResponse> {
    return this.commands.execute(new CloseCaseCommand(req, body));
  }
}
