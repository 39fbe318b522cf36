import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock, localDate, APP_CONFIG, type AppConfig } from '@app/runtime';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { openSealed, PersonalDataService } from '@app/security';
import { requireUuidParam } from '../../common/write-request';
import { CaseService } from '@app/write';
import { caseView } from './case-view';
import { ReadQueryDto } from '../../common/read-query.dto';
import { ApiAuthenticated, ApiCaseIdParam, ApiProblems } from '../../common/api-docs';
import { CaseHistory, CaseView } from './case-view.response';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class GetCaseHttpController {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id')
  @ApiCaseIdParam()
  @ApiProblems(400, 404)
  @Allow('processledare', 'handlaggare', 'beredning', 'system')
  @ApiOperation({
    operationId: 'getCase',
    summary: 'The case view, within the access rules; personal data decrypted for callers allowed to see it',
  })
  @ApiOkResponse({ type: CaseView, description: 'The case view; its version is also the ETag' })
  async get(@Caller() caller: Principal, @Param('id') id: string, @Query() query: ReadQueryDto) {
    const { state, version } = await this.cases.readView(
      caller,
      requireUuidParam(id, 'case'),
      query.minPosition,
    );
    const settings = (await this.cases.tenantState(caller.tenant)).settings;
    const view = caseView(state, version, settings, localDate(this.clock.now(), this.config.timeZone));
    return openSealed(this.personal, caller.tenant, state.person.personId, view);
  }

  @Get(':id/history')
  @ApiCaseIdParam()
  @ApiProblems(404)
  @ApiOkResponse({ type: CaseHistory, description: 'Every event of the case in order' })
  @Allow('processledare', 'handlaggare', 'beredning', 'system')
  @ApiOperation({
    operationId: 'getCaseHistory',
    summary: 'Every event of the case in order, with its business date, when it was recorded and by whom',
  })
  async history(@Caller() caller: Principal, @Param('id') id: string) {
    const { state, events } = await this.cases.read(caller, requireUuidParam(id, 'case'));
    const items = events.map((e) => ({
      position: e.position,
      version: e.version,
      type: e.type,
      occurredOn: e.businessDate,
      recordedAt: e.recordedAt,
      actor: e.metadata.actor,
      data: e.data,
    }));
    return { events: await openSealed(this.personal, caller.tenant, state.person.personId, items) };
  }
}
