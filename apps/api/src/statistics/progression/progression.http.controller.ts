import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { MANAGER_COUNTS, progressionCsv, progressionReport, presentProgression } from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { ProgressionStatistics } from './progression.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class ProgressionHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('progression')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getProgressionStatistics',
    summary: 'Stegförflyttning: change from the first to the last step (1–6) and VAS rating per insats',
    description:
      'Definitions: docs/statistics.md §12 Progression, §14 Small numbers, §15 CSV (periods and conventions: the introduction). ' +
      MANAGER_COUNTS +
      COMPARE_DOC +
      ' A mean is null when the measured periods are 1–4 or withheld, and the step means and the mean change also when the improved, unchanged or worsened periods are.',
  })
  @ApiStatisticsOk(
    ProgressionStatistics,
    '{ from, to, rows: [ { insatsCode, name, periods, measured, firstStepMean, lastStepMean, changeMean, improved, unchanged, worsened, vas: {…} } ], total }',
  )
  async progression(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'progression',
      periods,
      {},
      (p) => progressionReport(this.reader.sql, p),
      presentProgression,
    );
    return this.reader.send(req, res, 'progression', periods, body, progressionCsv);
  }
}
