import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { WithdrawConsentDto } from './withdraw-consent.dto';
import { WithdrawConsentCommand } from './withdraw-consent.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class WithdrawConsentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/consent/withdraw')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({
    operationId: 'withdrawConsent',
    summary:
      'Record that the person withdrew consent (R15): the case closes with SAMTYCKE_ATERKALLAT and accepts nothing but erasure',
  })
  withdraw(@CaseWrite() req: CaseWriteRequest, @Body() body: WithdrawConsentDto): Promise<WriteResponse> {
    return this.commands.execute(new WithdrawConsentCommand(req, body));
  }
}
