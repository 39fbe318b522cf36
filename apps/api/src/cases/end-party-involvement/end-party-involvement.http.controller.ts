import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PARTIES, type Party, isCode } from '@app/case-domain';
import { Allow } from '../../auth/auth.guard';
import { validationError } from '@app/runtime';
import { CaseWrite } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { EndPartyInvolvementDto } from './end-party-involvement.dto';
import { EndPartyInvolvementCommand } from './end-party-involvement.handler';
import { ApiAuthenticated, ApiCaseIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

/** A party code in the path is input like any other: an unknown one is a 400 naming it. */
function requirePartyParam(value: string): Party {
  if (!isCode(PARTIES, value))
    throw validationError([{ field: 'party', message: `must be one of ${PARTIES.join(', ')}` }]);
  return value;
}

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class EndPartyInvolvementHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/parties/:party/end')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('handlaggare', 'processledare')
  @ApiParam({ name: 'party', enum: PARTIES })
  @ApiOperation({
    operationId: 'endPartyInvolvement',
    summary:
      'A party ends its own involvement while the others go on (R12); the owner party hands over first (R11)',
  })
  end(
    @CaseWrite() req: CaseWriteRequest,
    @Param('party') party: string,
    @Body() body: EndPartyInvolvementDto,
  ): Promise<WriteResponse> {
    return this.commands.execute(new EndPartyInvolvementCommand(req, body, requirePartyParam(party)));
  }
}
