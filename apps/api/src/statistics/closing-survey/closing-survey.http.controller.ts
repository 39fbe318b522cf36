import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { TextField } from '../../common/dto';
import {
  MANAGER_COUNTS,
  closingSurveyCsv,
  closingSurveyReport,
  presentClosingSurvey,
} from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { ClosingSurveyStatistics } from './closing-survey.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

export class ClosingSurveyQueryDto extends StatisticsQueryDto {
  @TextField(64, {
    optional: true,
    description: 'Only the surveys of this insats (a catalogue code)',
    example: 'AMT_AF',
  })
  insatsCode?: string;
}

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class ClosingSurveyHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('closing-survey')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getClosingSurveyStatistics',
    summary: 'The NNS avslutsenkät: per question, the share answering in the top three steps',
    description:
      'Definitions: docs/statistics.md §13 Closing survey, §14 Small numbers, §15 CSV (periods and conventions: the introduction). Surveys answered in ' +
      'the period (of one insats with ?insatsCode=); per question the share of those who answered it whose answer is in ' +
      'the top three steps of its six-step scale (for the Ja/Nej questions 4 and 8: Ja). ' +
      MANAGER_COUNTS +
      COMPARE_DOC +
      ' A share is null when its positive or its other answers are 1–4, or its positive or answered are withheld.',
  })
  @ApiStatisticsOk(
    ClosingSurveyStatistics,
    '{ from, to, insatsCode, surveys, questions: [ { question, text, answered, positive, share } ] }',
  )
  async closingSurvey(
    @Caller() caller: Principal,
    @Query() query: ClosingSurveyQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'closing-survey',
      periods,
      { insatsCode: query.insatsCode },
      (p) => closingSurveyReport(this.reader.sql, p, query.insatsCode ?? null),
      presentClosingSurvey,
    );
    return this.reader.send(req, res, 'closing-survey', periods, body, closingSurveyCsv);
  }
}
