import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { CaseService } from '@app/write';
import { MANAGER_COUNTS, followUpsCsv, followUpsReport, presentFollowUps } from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { FollowUpsStatistics } from './follow-ups.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class FollowUpsHttpController {
  constructor(
    private readonly reader: StatisticsReader,
    private readonly cases: CaseService,
  ) {}

  @Get('follow-ups')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getFollowUpsStatistics',
    summary:
      'Follow-ups (R10 at 3, 6, 9, 12 months; R14 after closure) due in the period and the share recorded on time',
    description:
      'Definitions: docs/statistics.md §10 Follow-ups on time, §14 Small numbers, §15 CSV (periods and conventions: the introduction). On time: recorded ' +
      'no later than the tenant’s grace days (followUpGraceDays, default 14) after the due date — the same rule that ' +
      'makes the queue show it overdue. ' +
      MANAGER_COUNTS +
      COMPARE_DOC +
      ' A share is null when its on-time or its late follow-ups are 1–4 or withheld.',
  })
  @ApiStatisticsOk(
    FollowUpsStatistics,
    '{ from, to, graceDays, due, onTime, late, pending, share, byMonth: { "3": {…}, "6", "9", "12", "POST_CLOSURE" } }',
  )
  async followUps(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const graceDays = (await this.cases.tenantState(caller.tenant)).settings.followUpGraceDays;
    const body = await this.reader.present(
      caller,
      'follow-ups',
      periods,
      { graceDays },
      (p, today) => followUpsReport(this.reader.sql, p, graceDays, today),
      presentFollowUps,
    );
    return this.reader.send(req, res, 'follow-ups', periods, body, followUpsCsv);
  }
}
