import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { HandOverOwnershipDto } from './hand-over-ownership.dto';
import { HandOverOwnershipCommand } from './hand-over-ownership.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class HandOverOwnershipHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/owner')
  @HttpCode(200)
  @Allow('processledare')
  @ApiOperation({ summary: 'Hand the case over to a new ärendebärare (R11): an explicit, recorded handover' })
  handOver(@CaseWrite() req: CaseWriteRequest, @Body() body: HandOverOwnershipDto): Promise<WriteResponse> {
    return this.commands.execute(new HandOverOwnershipCommand(req, body));
  }
}
