import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite, requireUuidParam } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { RecordSipHeldDto } from './record-sip-held.dto';
import { RecordSipHeldCommand } from './record-sip-held.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class RecordSipHeldHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/sips/:sipId/held')
  @HttpCode(200)
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({
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
