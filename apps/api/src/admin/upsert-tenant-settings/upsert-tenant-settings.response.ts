import { ApiProperty } from '@nestjs/swagger';
import { TenantWriteAnswer } from '../tenant-write.response';
import { TenantSettingsView } from '../get-tenant-settings/tenant-settings.response';

/** PUT /api/v1/admin/settings. */
export class TenantSettingsWriteAnswer extends TenantWriteAnswer {
  @ApiProperty({ type: () => TenantSettingsView, description: 'Every setting after the change' })
  settings!: TenantSettingsView;
}
