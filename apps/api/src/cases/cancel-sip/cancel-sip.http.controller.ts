import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite, requireUuidParam } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { CancelSipDto } from './cancel-sip.dto';
import { CancelSipCommand } from './cancel-sip.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CancelSipHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/sips/:sipId/cancel')
  @HttpCode(200)
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({ summary: 'Cancel a requested or booked SIP (R8), with an optional reason' })
  cancel(
    @CaseWrite() req: CaseWriteRequest,
    @Param('sipId') sipId: string,
    @Body() body: CancelSipDto,
  ): Promise<WriteResponse> {
    return this.commands.execute(new CancelSipCommand(req, body, requireUuidParam(sipId, 'sip')));
  }
}
