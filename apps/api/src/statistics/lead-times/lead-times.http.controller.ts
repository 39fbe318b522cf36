import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { MANAGER_COUNTS, leadTimesCsv, leadTimesReport, presentLeadTimes } from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { LeadTimesStatistics } from './lead-times.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class LeadTimesHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('lead-times')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getLeadTimesStatistics',
    summary:
      'Lead times in days: initiation to decision, to first insats, to closure (median, 90th percentile); the 90-day rule',
    description:
      'Definitions: docs/statistics.md §8 Lead times, §9 The 90-day rule, §14 Small numbers, §15 CSV (periods and conventions: the introduction). Each lead time counts the cases whose end point (decision, first insats start, closure) fell in the period. ' +
      MANAGER_COUNTS +
      COMPARE_DOC +
      ' A median or p90 is null when its count is 1–4 or withheld, and the 90-day share when its met or its missed cases are.',
  })
  @ApiStatisticsOk(
    LeadTimesStatistics,
    '{ from, to, toDecision: { count, median, p90 }, toFirstInsats: {…}, toClosure: {…}, ninetyDayRule: { cases, met, missed, share } }',
  )
  async leadTimes(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'lead-times',
      periods,
      {},
      (p, today) => leadTimesReport(this.reader.sql, p, today),
      presentLeadTimes,
    );
    return this.reader.send(req, res, 'lead-times', periods, body, leadTimesCsv);
  }
}
