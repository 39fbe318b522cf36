import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest } from '@app/write';
import { RecordDecisionDto } from './record-decision.dto';
import { RecordDecisionCommand, type RecordDecisionResponse } from './record-decision.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite } from '../../common/api-docs';
import { RecordDecisionAnswer } from './record-decision.response';

@ApiTags('cases', 'meetings')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class RecordDecisionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/decision')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({
    type: RecordDecisionAnswer,
    description: 'Recorded on the case (its version) and in the meeting’s protocol',
  })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'recordDecision',
    summary: 'Record the beredningsgrupp’s decision on a case on the meeting’s agenda (R6)',
    description:
      'Written on the case and in the meeting’s protocol. FORDJUPAD_SAMORDNING names the ärendebärare; ' +
      'members with a conflict of interest (jäv) are recorded as not taking part. The version is the case’s.',
  })
  decide(
    @CaseWrite() req: CaseWriteRequest,
    @Body() body: RecordDecisionDto,
  ): Promise<RecordDecisionResponse> {
    return this.commands.execute(new RecordDecisionCommand(req, body));
  }
}
