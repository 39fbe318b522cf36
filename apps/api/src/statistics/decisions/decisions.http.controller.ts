import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { MANAGER_COUNTS, decisionsCsv, decisionsReport, presentDecisions } from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { DecisionsStatistics } from './decisions.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class DecisionsHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('decisions')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getDecisionsStatistics',
    summary: 'Beredning decisions in the period by kind, and the cases taken up in the beredning',
    description:
      'Definitions: docs/statistics.md §20 Beredning decisions, §14 Small numbers, §15 CSV (periods and conventions: the introduction). Every decision recorded (R6) with a decision date in the period counts, of every kind (BORDLAGD and KOMPLETTERING too); `cases` counts each case with one or more once. ' +
      MANAGER_COUNTS +
      COMPARE_DOC,
  })
  @ApiStatisticsOk(
    DecisionsStatistics,
    '{ from, to, cases: { total, kvinna, man, annat }, decisions: {…}, byKind: { FORDJUPAD_SAMORDNING: {…}, EJ_FORDJUPAD_SAMORDNING, BORDLAGD, KOMPLETTERING } }',
  )
  async decisions(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'decisions',
      periods,
      {},
      (p) => decisionsReport(this.reader.sql, p),
      presentDecisions,
    );
    return this.reader.send(req, res, 'decisions', periods, body, decisionsCsv);
  }
}
