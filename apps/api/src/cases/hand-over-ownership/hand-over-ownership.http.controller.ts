import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { HandOverOwnershipDto } from './hand-over-ownership.dto';
import { HandOverOwnershipCommand } from './hand-over-ownership.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class HandOverOwnershipHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/owner')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'handOverOwnership',
    summary: 'Hand the case over to a new ärendebärare (R11): an explicit, recorded handover',
  })
  handOver(@CaseWrite() req: CaseWriteRequest, @Body() body: HandOverOwnershipDto): Promise<WriteResponse> {
    return this.commands.execute(new HandOverOwnershipCommand(req, body));
  }
}
