import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PARTIES, type Party, isCode } from '@app/case-domain';
import { Allow } from '../../auth/auth.guard';
import { validationError } from '@app/runtime';
import type { TenantWriteRequest, TenantWriteResponse } from '../tenant-config.service';
import { TenantWrite } from '../../common/write-request';
import { SetPartyUnitsDto } from './set-party-units.dto';
import { SetPartyUnitsCommand } from './set-party-units.handler';
import { ApiAuthenticated, ApiStreamWrite } from '../../common/api-docs';
import { PartyUnitsWriteAnswer } from './set-party-units.response';

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/parties')
export class SetPartyUnitsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':party/units')
  @HttpCode(200)
  @ApiStreamWrite()
  @ApiOkResponse({ type: PartyUnitsWriteAnswer, description: 'The configuration’s new version' })
  @Allow('admin')
  @ApiOperation({
    operationId: 'setPartyUnits',
    summary:
      'Set a party’s units (e.g. ekonomiskt bistånd, vuxenpsykiatri); the list replaces the one before',
  })
  @ApiParam({ name: 'party', enum: PARTIES })
  set(
    @TenantWrite() req: TenantWriteRequest,
    @Param('party') party: string,
    @Body() body: SetPartyUnitsDto,
  ): Promise<TenantWriteResponse & { party: Party }> {
    if (!isCode(PARTIES, party))
      throw validationError([{ field: 'party', message: `must be one of ${PARTIES.join(', ')}` }]);
    return this.commands.execute(new SetPartyUnitsCommand(req, party, body));
  }
}
