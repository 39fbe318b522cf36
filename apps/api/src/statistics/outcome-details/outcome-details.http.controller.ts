import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import {
  MANAGER_COUNTS,
  outcomeDetailsCsv,
  outcomeDetailsReport,
  presentOutcomeDetails,
} from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { OutcomeDetailsStatistics } from './outcome-details.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class OutcomeDetailsHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('outcome-details')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getOutcomeDetailsStatistics',
    summary: 'Case outcomes in detail: the work subtype and the extent (hel/partiell) within each outcome',
    description:
      'Definitions: docs/statistics.md §18 Outcome subtypes and extent, §6 Case outcomes, §14 Small numbers, §15 CSV (periods and conventions: the introduction). The closures of §6 (each case once, with its last closure in the period) whose outcome records an extent, by extent band and (ARBETE) subtype. ' +
      MANAGER_COUNTS +
      COMPARE_DOC,
  })
  @ApiStatisticsOk(
    OutcomeDetailsStatistics,
    '{ from, to, outcomes: { ARBETE: { closed, subtypes: { OSUBVENTIONERAD: {…}, …, EJ_ANGIVEN }, extent: { HEL, PARTIELL, EJ_ANGIVEN } }, STUDIER: { closed, extent }, SJUKERSATTNING, AKTIVITETSERSATTNING } }',
  )
  async outcomeDetails(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'outcome-details',
      periods,
      {},
      (p) => outcomeDetailsReport(this.reader.sql, p),
      presentOutcomeDetails,
    );
    return this.reader.send(req, res, 'outcome-details', periods, body, outcomeDetailsCsv);
  }
}
