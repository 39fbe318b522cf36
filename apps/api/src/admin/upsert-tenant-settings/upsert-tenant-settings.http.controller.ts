import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import type { TenantWriteRequest } from '../tenant-config.service';
import { TenantWrite } from '../../common/write-request';
import { UpsertTenantSettingsDto } from './upsert-tenant-settings.dto';
import { type TenantSettingsResponse, UpsertTenantSettingsCommand } from './upsert-tenant-settings.handler';
import { ApiAuthenticated, ApiStreamWrite } from '../../common/api-docs';
import { TenantSettingsWriteAnswer } from './upsert-tenant-settings.response';

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/settings')
export class UpsertTenantSettingsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(200)
  @ApiStreamWrite()
  @ApiOkResponse({
    type: TenantSettingsWriteAnswer,
    description: 'The configuration’s new version and every setting',
  })
  @Allow('admin')
  @ApiOperation({
    operationId: 'upsertTenantSettings',
    summary: 'Change the tenant’s settings: meeting cadence, retention, thresholds',
    description: 'Only the named settings change; a change that changes nothing records nothing.',
  })
  upsert(
    @TenantWrite() req: TenantWriteRequest,
    @Body() body: UpsertTenantSettingsDto,
  ): Promise<TenantSettingsResponse> {
    return this.commands.execute(new UpsertTenantSettingsCommand(req, body));
  }
}
