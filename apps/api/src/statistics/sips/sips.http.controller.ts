import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { MANAGER_COUNTS, sipsCsv, sipsReport, presentSips } from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { SipsStatistics } from './sips.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class SipsHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('sips')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getSipsStatistics',
    summary:
      'SIPs held: first/follow-up, by initiating role, by the gender of the person, förmöte share, days from request to held SIP',
    description:
      'Definitions: docs/statistics.md §7 SIP, §8 (median and 90th percentile), §14 Small numbers, §15 CSV (periods and conventions: the introduction). A SIP counts in the period it was held, registered on the person it concerns (R8). ' +
      MANAGER_COUNTS +
      COMPARE_DOC +
      ' A median or p90 is null when its count is 1–4 or withheld, and the förmöte share when the SIPs held or with a förmöte are withheld or those with or without one are 1–4.',
  })
  @ApiStatisticsOk(
    SipsStatistics,
    '{ from, to, held: { total, kvinna, man, annat }, byKind: { FORSTA, UPPFOLJNING }, byInitiatorRole: { SOCIALSEKRETERARE: {…}, … }, withFormote: {…}, formoteShare, daysRequestToHeld: { count, median, p90 } }',
  )
  async sips(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'sips',
      periods,
      {},
      (p) => sipsReport(this.reader.sql, p),
      presentSips,
    );
    return this.reader.send(req, res, 'sips', periods, body, sipsCsv);
  }
}
