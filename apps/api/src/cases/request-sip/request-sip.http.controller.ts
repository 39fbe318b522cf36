import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { RequestSipDto } from './request-sip.dto';
import { RequestSipCommand } from './request-sip.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite } from '../../common/api-docs';
import { RequestSipAnswer } from './request-sip.response';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class RequestSipHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/sips')
  @HttpCode(201)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiCreatedResponse({ type: RequestSipAnswer, description: 'The SIP is requested' })
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({
    operationId: 'requestSip',
    summary: 'Request a SIP (R8): only the kommun or the region initiates one, with the person’s consent',
  })
  request(@CaseWrite() req: CaseWriteRequest, @Body() body: RequestSipDto): Promise<WriteResponse> {
    return this.commands.execute(new RequestSipCommand(req, body));
  }
}
