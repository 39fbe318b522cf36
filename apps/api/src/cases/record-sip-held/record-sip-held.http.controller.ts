import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite, requireUuidParam } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { RecordSipHeldDto } from './record-sip-held.dto';
import { RecordSipHeldCommand } from './record-sip-held.handler';
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
export class RecordSipHeldHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/sips/:sipId/held')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiUuidParam('sipId', 'The SIP id (the sipId its request answered)')
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({
    operationId: 'recordSipHeld',
    summary: 'Record that a SIP was held (R8, R9b): who attended and the plan, registered on the person',
  })
  held(
    @CaseWrite() req: CaseWriteRequest,
    @Param('sipId') sipId: string,
    @Body() body: RecordSipHeldDto,
  ): Promise<WriteResponse> {
    return this.commands.execute(new RecordSipHeldCommand(req, body, requireUuidParam(sipId, 'sip')));
  }
}
