import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { TenantConfigService } from '../tenant-config.service';
import { ListCatalogueQuery } from './list-catalogue.query';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/insatser')
export class ListCatalogueHttpController {
  constructor(private readonly config: TenantConfigService) {}

  @Get()
  @Allow('admin', 'processledare', 'handlaggare')
  @ApiOperation({
    summary: 'The tenant’s insats catalogue, retired insatser included (active: false), by code',
  })
  @ApiOkResponse({ description: '{ items: [ { code, name, party, active } ], total, nextCursor }' })
  async list(@Caller() caller: Principal, @Query() query: ListCatalogueQuery) {
    const { state } = await this.config.read(caller.tenant);
    const all = Object.entries(state.catalogue)
      .map(([code, entry]) => ({ code, name: entry.name, party: entry.party, active: entry.active }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const limit = query.limit ?? 50;
    const after = query.cursor;
    const rest = after === undefined ? all : all.filter((i) => i.code > after);
    const items = rest.slice(0, limit);
    return {
      items,
      total: all.length,
      nextCursor: rest.length > limit ? items[items.length - 1].code : null,
    };
  }
}
