import { Controller, Get, Header, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModelSync, requireCaughtUp } from '@app/read-models';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { AuditAction } from '../../audit/audit.interceptor';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { CaseListPageDto, ListCasesQueryDto } from './list-cases.dto';
import { ListCasesQuery } from './list-cases.handler';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class ListCasesHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly sync: ReadModelSync,
  ) {}

  @Get()
  @Allow('processledare', 'handlaggare', 'beredning', 'system')
  @AuditAction('list-cases.list')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'listCases',
    summary: 'List and search cases, within the access rules',
    description:
      'Newest initiation first (then id). Filters add up: `personnummer` (exact, through the keyed hash), `status`, ' +
      '`party` (named as initiator, other party or ärendebärare), `owner` (see the parameter: `me` is the caller’s ' +
      'own cases, “Mina ärenden”), `insatsCode`, `initiatedFrom` and `initiatedTo` (both days included). Pages with ' +
      '`limit` (default 50, max 500) and `cursor`; `total` counts every match the caller may see. A processledare ' +
      'sees every case of the tenant; handläggare and partner systems the cases their party initiated or is named ' +
      'in within the consent’s scope; beredningsgrupp members the cases on a meeting’s agenda (the same policy as ' +
      'GET /api/v1/cases/{id}); skyddade personuppgifter only the processledare and the ärendebärare. Managers and ' +
      'admins get 403. Names are decrypted for the caller; an erased person shows `erased: true` and no name. Every ' +
      'call is audited with the cases it listed.',
  })
  @ApiOkResponse({ type: CaseListPageDto, description: 'One page of cases' })
  // 400: a filter is invalid, named in `errors` (never its value); 403: managers and admins;
  // 503: the read models have not reached ?minPosition= in time.
  @ApiProblems(400, 503)
  async list(@Caller() caller: Principal, @Query() query: ListCasesQueryDto): Promise<CaseListPageDto> {
    await requireCaughtUp(this.sync, 'cases', query.minPosition);
    return this.queries.execute(new ListCasesQuery(caller, query));
  }
}
