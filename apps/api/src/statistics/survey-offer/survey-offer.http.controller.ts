import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { MANAGER_COUNTS, surveyOfferCsv, surveyOfferReport, presentSurveyOffer } from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { SurveyOfferStatistics } from './survey-offer.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class SurveyOfferHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('survey-offer')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getSurveyOfferStatistics',
    summary: 'Closures offered the closing survey (avslutsenkät) and those who answered it, with both shares',
    description:
      'Definitions: docs/statistics.md §19 Closing survey offered and answered, §6 Case outcomes, §14 Small numbers, §15 CSV (periods and conventions: the introduction). The closures of §6; offeredShare = offered / closed and answeredShare = answered / offered, computed by the server from the counts, rounded to three decimals. ' +
      MANAGER_COUNTS +
      COMPARE_DOC +
      ' A share is null when its numerator or the rest of its basis is 1–4 or withheld.',
  })
  @ApiStatisticsOk(
    SurveyOfferStatistics,
    '{ from, to, closed: { total, kvinna, man, annat }, offered: {…}, answered: {…}, offeredShare, answeredShare }',
  )
  async surveyOffer(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'survey-offer',
      periods,
      {},
      (p) => surveyOfferReport(this.reader.sql, p),
      presentSurveyOffer,
    );
    return this.reader.send(req, res, 'survey-offer', periods, body, surveyOfferCsv);
  }
}
