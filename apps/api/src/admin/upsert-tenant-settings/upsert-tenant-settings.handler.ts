import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MeetingCadence, TenantSettings } from '@app/case-domain';
import {
  TenantConfigService,
  type TenantWriteRequest,
  type TenantWriteResponse,
} from '../tenant-config.service';
import type { UpsertTenantSettingsDto } from './upsert-tenant-settings.dto';

export type TenantSettingsResponse = TenantWriteResponse & { settings: TenantSettings };

export class UpsertTenantSettingsCommand extends Command<TenantSettingsResponse> {
  constructor(
    readonly req: TenantWriteRequest,
    readonly body: UpsertTenantSettingsDto,
  ) {
    super();
  }
}

@CommandHandler(UpsertTenantSettingsCommand)
export class UpsertTenantSettingsHandler implements ICommandHandler<UpsertTenantSettingsCommand> {
  constructor(private readonly config: TenantConfigService) {}

  async execute({ req, body }: UpsertTenantSettingsCommand): Promise<TenantSettingsResponse> {
    const { meetingCadence, ...numbers } = body;
    const result = await this.config.write(req, {
      type: 'UpsertTenantSettings',
      ...numbers,
      ...(meetingCadence === null ? { meetingCadence: null } : {}),
      ...(meetingCadence ? { meetingCadence: { ...meetingCadence } as MeetingCadence } : {}),
    });
    return { ...TenantConfigService.response(result), settings: result.state.settings };
  }
}
