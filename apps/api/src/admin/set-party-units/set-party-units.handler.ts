import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Party } from '@app/case-domain';
import {
  TenantConfigService,
  type TenantWriteRequest,
  type TenantWriteResponse,
} from '../tenant-config.service';
import type { SetPartyUnitsDto } from './set-party-units.dto';

export class SetPartyUnitsCommand extends Command<TenantWriteResponse & { party: Party }> {
  constructor(
    readonly req: TenantWriteRequest,
    readonly party: Party,
    readonly body: SetPartyUnitsDto,
  ) {
    super();
  }
}

@CommandHandler(SetPartyUnitsCommand)
export class SetPartyUnitsHandler implements ICommandHandler<SetPartyUnitsCommand> {
  constructor(private readonly config: TenantConfigService) {}

  async execute({ req, party, body }: SetPartyUnitsCommand): Promise<TenantWriteResponse & { party: Party }> {
    const result = await this.config.write(req, {
      type: 'SetPartyUnits',
      party,
      units: body.units.map((u) => ({ code: u.code, name: u.name })),
    });
    return { party, ...TenantConfigService.response(result) };
  }
}
