import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { RequestSipDto } from './request-sip.dto';
import { RequestSipCommand } from './request-sip.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class RequestSipHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/sips')
  @HttpCode(201)
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({
    summary: 'Request a SIP (R8): only the kommun or the region initiates one, with the person’s consent',
  })
  @ApiCreatedResponse({ description: '{ id, version, position, sipId }' })
  request(@CaseWrite() req: CaseWriteRequest, @Body() body: RequestSipDto): Promise<WriteResponse> {
    return this.commands.execute(new RequestSipCommand(req, body));
  }
}
