import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite, requireUuidParam } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { EndInsatsDto } from './end-insats.dto';
import { EndInsatsCommand } from './end-insats.handler';
import {
  ApiAuthenticated,
  ApiCaseIdParam,
  ApiStreamWrite,
  ApiUuidParam,
  WriteAnswer,
} from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class EndInsatsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/insatser/:insatsId/end')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiUuidParam('insatsId', 'The insats id (the insatsId its start answered)')
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('handlaggare', 'processledare')
  @ApiOperation({
    operationId: 'endInsats',
    summary: 'End an insats with an outcome code (R9); the case may go on',
  })
  end(
    @CaseWrite() req: CaseWriteRequest,
    @Param('insatsId') insatsId: string,
    @Body() body: EndInsatsDto,
  ): Promise<WriteResponse> {
    return this.commands.execute(new EndInsatsCommand(req, body, requireUuidParam(insatsId, 'insats')));
  }
}
