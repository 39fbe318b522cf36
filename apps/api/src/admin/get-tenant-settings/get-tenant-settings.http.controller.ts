import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { TenantConfigService } from '../tenant-config.service';
import { ApiAuthenticated } from '../../common/api-docs';
import { TenantSettingsAnswer } from './tenant-settings.response';

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/settings')
export class GetTenantSettingsHttpController {
  constructor(private readonly config: TenantConfigService) {}

  @Get()
  @ApiOkResponse({
    type: TenantSettingsAnswer,
    description: 'The settings and units; the version is also the ETag',
  })
  @Allow('admin', 'processledare')
  @ApiOperation({
    operationId: 'getTenantSettings',
    summary: 'The tenant’s settings (defaults until an admin changes them) and the parties’ units',
  })
  async get(@Caller() caller: Principal) {
    const { state, version } = await this.config.read(caller.tenant);
    return { version, settings: state.settings, units: state.units };
  }
}
