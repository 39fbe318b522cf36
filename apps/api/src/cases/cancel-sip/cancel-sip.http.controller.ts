import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite, requireUuidParam } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { CancelSipDto } from './cancel-sip.dto';
import { CancelSipCommand } from './cancel-sip.handler';
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
export class CancelSipHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/sips/:sipId/cancel')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiUuidParam('sipId', 'The SIP id (the sipId its request answered)')
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({
    operationId: 'cancelSip',
    summary: 'Cancel a requested or booked SIP (R8), with an optional reason',
  })
  cancel(
    @CaseWrite() req: CaseWriteRequest,
    @Param('sipId') sipId: string,
    @Body() body: CancelSipDto,
  ): Promise<WriteResponse> {
    return this.commands.execute(new CancelSipCommand(req, body, requireUuidParam(sipId, 'sip')));
  }
}
