import { Module } from '@nestjs/common';
import { GetTenantSettingsHttpController } from './get-tenant-settings/get-tenant-settings.http.controller';
import { ListCatalogueHttpController } from './list-catalogue/list-catalogue.http.controller';
import { SetPartyUnitsHandler } from './set-party-units/set-party-units.handler';
import { SetPartyUnitsHttpController } from './set-party-units/set-party-units.http.controller';
import { TenantConfigService } from './tenant-config.service';
import { UpsertCatalogueInsatsHandler } from './upsert-catalogue-insats/upsert-catalogue-insats.handler';
import { UpsertCatalogueInsatsHttpController } from './upsert-catalogue-insats/upsert-catalogue-insats.http.controller';
import { UpsertTenantSettingsHandler } from './upsert-tenant-settings/upsert-tenant-settings.handler';
import { UpsertTenantSettingsHttpController } from './upsert-tenant-settings/upsert-tenant-settings.http.controller';

/** Tenant configuration: settings, the parties' units, the insats catalogue. */
@Module({
  controllers: [
    UpsertCatalogueInsatsHttpController,
    ListCatalogueHttpController,
    UpsertTenantSettingsHttpController,
    GetTenantSettingsHttpController,
    SetPartyUnitsHttpController,
  ],
  providers: [
    TenantConfigService,
    UpsertCatalogueInsatsHandler,
    UpsertTenantSettingsHandler,
    SetPartyUnitsHandler,
  ],
})
export class AdminModule {}
