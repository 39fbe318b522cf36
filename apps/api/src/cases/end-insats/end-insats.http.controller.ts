import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite, requireUuidParam } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { EndInsatsDto } from './end-insats.dto';
import { EndInsatsCommand } from './end-insats.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class EndInsatsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/insatser/:insatsId/end')
  @HttpCode(200)
  @Allow('handlaggare', 'processledare')
  @ApiOperation({ summary: 'End an insats with an outcome code (R9); the case may go on' })
  end(
    @CaseWrite() req: CaseWriteRequest,
    @Param('insatsId') insatsId: string,
    @Body() body: EndInsatsDto,
  ): Promise<WriteResponse> {
    return this.commands.execute(new EndInsatsCommand(req, body, requireUuidParam(insatsId, 'insats')));
  }
}
