import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type HttpReply, type HttpRequest, preferredType } from '../../common/http';
import { CLOCK, type Clock, localDate, APP_CONFIG, type AppConfig, notFound } from '@app/runtime';
import type { Principal } from '@app/security';
import { notePerson, openSealed, PersonCases, PersonalDataService } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { caseView } from '../../cases/get-case/case-view';
import { requireUuidParam } from '../../common/write-request';
import { CaseService } from '@app/write';
import { type ExtractDocument, extractHtml } from './extract-html';
import { ApiAuthenticated, ApiOkJsonOr, ApiProblems, ApiUuidParam } from '../../common/api-docs';
import { PersonExtract } from './extract-person.response';

@ApiTags('persons')
@ApiAuthenticated()
@Controller('api/v1/persons')
export class ExtractPersonHttpController {
  constructor(
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
    private readonly personCases: PersonCases,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':personId/extract')
  @ApiUuidParam('personId', 'The case view’s person.personId')
  @ApiProblems(404)
  @ApiOkJsonOr(PersonExtract, { 'text/html': 'A printable page (Accept: text/html)' }, 'The registerutdrag')
  @Allow('processledare')
  @ApiProduces('application/json', 'text/html')
  @ApiOperation({
    operationId: 'extractPerson',
    summary:
      'Registerutdrag: every piece of personal data and every case history held about the person (GDPR art. 15)',
    description:
      'JSON by default; `Accept: text/html` gives a printable page. After an erasure the personal fields read as null ' +
      'and `erased` is true.',
  })
  async extract(
    @Caller() caller: Principal,
    @Param('personId') rawId: string,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const personId = requireUuidParam(rawId, 'person');
    const tenant = caller.tenant;
    if (!(await this.personCases.known(tenant, personId))) throw notFound('person');
    notePerson(personId);
    const now = this.clock.now();
    const settings = (await this.cases.tenantState(tenant)).settings;
    const today = localDate(now, this.config.timeZone);
    const cases: ExtractDocument['cases'] = [];
    for (const caseId of await this.personCases.caseIds(tenant, personId)) {
      const { state, version, events } = await this.cases.read(caller, caseId);
      const history = events.map((e) => ({
        position: e.position,
        version: e.version,
        type: e.type,
        occurredOn: e.businessDate ?? null,
        recordedAt: e.recordedAt,
        actor: e.metadata.actor,
        data: e.data,
      }));
      cases.push({
        ...caseView(state, version, settings, today),
        history,
      } as ExtractDocument['cases'][number]);
    }
    const opened = await openSealed(this.personal, tenant, personId, cases);
    const latest = opened[opened.length - 1] as { person?: Record<string, unknown> } | undefined;
    const doc: ExtractDocument = {
      personId,
      generatedAt: now.toISOString(),
      erased: await this.personal.isErased(tenant, personId),
      person: latest?.person ?? null,
      cases: opened,
    };
    res.header('Cache-Control', 'no-store');
    if (preferredType(req, ['application/json', 'text/html']) !== 'text/html') return doc;
    res.type('text/html; charset=utf-8');
    // Stricter than the API's default: the page needs its inline style and nothing else.
    res.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    return extractHtml(doc);
  }
}
