import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { StartInsatsDto } from './start-insats.dto';
import { StartInsatsCommand } from './start-insats.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class StartInsatsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/insatser')
  @HttpCode(201)
  @Allow('handlaggare', 'processledare')
  @ApiOperation({
    summary:
      'Start an insats from the catalogue (R9, R7): once the case is accepted, by a party within the consent',
  })
  @ApiCreatedResponse({ description: '{ id, version, position, insatsId }' })
  start(@CaseWrite() req: CaseWriteRequest, @Body() body: StartInsatsDto): Promise<WriteResponse> {
    return this.commands.execute(new StartInsatsCommand(req, body));
  }
}
