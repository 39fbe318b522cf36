import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { TenantConfigService } from '../tenant-config.service';
import { ListCatalogueQuery } from './list-catalogue.query';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { ListCatalogueAnswer } from './list-catalogue.response';

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/insatser')
export class ListCatalogueHttpController {
  constructor(private readonly config: TenantConfigService) {}

  @Get()
  @ApiProblems(400)
  @ApiOkResponse({ type: ListCatalogueAnswer, description: 'A page of the catalogue, by code' })
  @Allow('admin', 'processledare', 'handlaggare')
  @ApiOperation({
    operationId: 'listCatalogue',
    summary: 'The tenant’s insats catalogue, retired insatser included (active: false), by code',
  })
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
