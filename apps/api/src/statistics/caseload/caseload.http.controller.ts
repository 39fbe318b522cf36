import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { MANAGER_COUNTS, caseloadCsv, caseloadReport, presentCaseload } from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { CaseloadStatistics } from './caseload.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class CaseloadHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('caseload')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getCaseloadStatistics',
    summary: 'The caseload on the last day of the period: open cases by initiating party, persons per insats',
    description:
      'Definitions: docs/statistics.md §21 Caseload on a date, §1 Deltagare, §14 Small numbers, §15 CSV (periods and conventions: the introduction). The case list at the end of June: ?from=2023-01-01&to=2023-06-30 counts the cases open on 30 June (initiated by then and not closed, or closed and reopened, by then) and the persons in each insats that day. ' +
      MANAGER_COUNTS +
      COMPARE_DOC,
  })
  @ApiStatisticsOk(
    CaseloadStatistics,
    '{ from, to, on, cases: { total, kvinna, man, annat }, byInitiatingParty: { KOMMUN: {…}, … }, insatser: [ { insatsCode, name, participants } ] }',
  )
  async caseload(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'caseload',
      periods,
      {},
      (p) => caseloadReport(this.reader.sql, p),
      presentCaseload,
    );
    return this.reader.send(req, res, 'caseload', periods, body, caseloadCsv);
  }
}
