import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { MANAGER_COUNTS, caseOutcomesCsv, caseOutcomesReport, presentCaseOutcomes } from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { CaseOutcomesStatistics } from './case-outcomes.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class CaseOutcomesHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('case-outcomes')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getCaseOutcomesStatistics',
    summary: 'Case outcomes: cases closed in the period by outcome code, with arbete eller studier',
    description:
      'Definitions: docs/statistics.md §6 Case outcomes, §14 Small numbers, §15 CSV (periods and conventions: the introduction). A case closed, reopened and closed again counts in the period of each closure, once per period. ' +
      MANAGER_COUNTS +
      COMPARE_DOC,
  })
  @ApiStatisticsOk(
    CaseOutcomesStatistics,
    '{ from, to, closed: { total, kvinna, man, annat }, outcomes: { ARBETE: {…}, …, ARBETE_ELLER_STUDIER: {…} } }',
  )
  async caseOutcomes(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'case-outcomes',
      periods,
      {},
      (p) => caseOutcomesReport(this.reader.sql, p),
      presentCaseOutcomes,
    );
    return this.reader.send(req, res, 'case-outcomes', periods, body, caseOutcomesCsv);
  }
}
