import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { StartInsatsDto } from './start-insats.dto';
import { StartInsatsCommand } from './start-insats.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite } from '../../common/api-docs';
import { StartInsatsAnswer } from './start-insats.response';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class StartInsatsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/insatser')
  @HttpCode(201)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiCreatedResponse({ type: StartInsatsAnswer, description: 'The insats has started' })
  @Allow('handlaggare', 'processledare')
  @ApiOperation({
    operationId: 'startInsats',
    summary:
      'Start an insats from the catalogue (R9, R7): once the case is accepted, by a party within the consent',
  })
  start(@CaseWrite() req: CaseWriteRequest, @Body() body: StartInsatsDto): Promise<WriteResponse> {
    return this.commands.execute(new StartInsatsCommand(req, body));
  }
}
