import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { TenantConfigService } from '../tenant-config.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/settings')
export class GetTenantSettingsHttpController {
  constructor(private readonly config: TenantConfigService) {}

  @Get()
  @Allow('admin', 'processledare')
  @ApiOperation({
    summary: 'The tenant’s settings (defaults until an admin changes them) and the parties’ units',
  })
  @ApiOkResponse({ description: '{ version, settings, units }' })
  async get(@Caller() caller: Principal) {
    const { state, version } = await this.config.read(caller.tenant);
    return { version, settings: state.settings, units: state.units };
  }
}
