import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Party } from '@app/case-domain';
import {
  TenantConfigService,
  type TenantWriteRequest,
  type TenantWriteResponse,
} from '../tenant-config.service';
import type { UpsertCatalogueInsatsDto } from './upsert-catalogue-insats.dto';

export class UpsertCatalogueInsatsCommand extends Command<TenantWriteResponse & { code: string }> {
  constructor(
    readonly req: TenantWriteRequest,
    readonly code: string,
    readonly body: UpsertCatalogueInsatsDto,
  ) {
    super();
  }
}

@CommandHandler(UpsertCatalogueInsatsCommand)
export class UpsertCatalogueInsatsHandler implements ICommandHandler<UpsertCatalogueInsatsCommand> {
  constructor(private readonly config: TenantConfigService) {}

  async execute({
    req,
    code,
    body,
  }: UpsertCatalogueInsatsCommand): Promise<TenantWriteResponse & { code: string }> {
    const result = await this.config.write(req, {
      type: 'UpsertCatalogueInsats',
      code,
      name: body.name,
      party: body.party as Party,
      ...(body.active !== undefined ? { active: body.active } : {}),
    });
    return { code, ...TenantConfigService.response(result) };
  }
}
