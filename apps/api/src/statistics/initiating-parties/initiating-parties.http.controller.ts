import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import {
  MANAGER_COUNTS,
  initiatingPartiesCsv,
  initiatingPartiesReport,
  presentInitiatingParties,
} from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { InitiatingPartiesStatistics } from './initiating-parties.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class InitiatingPartiesHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('initiating-parties')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getInitiatingPartiesStatistics',
    summary: 'Cases initiated in the period by initiating party and unit',
    description:
      'Definitions: docs/statistics.md §11 Initiating party and unit, §14 Small numbers, §15 CSV (periods and conventions: the introduction). ' +
      MANAGER_COUNTS +
      COMPARE_DOC,
  })
  @ApiStatisticsOk(
    InitiatingPartiesStatistics,
    '{ from, to, rows: [ { party, unit, cases: { total, kvinna, man, annat } } ], parties: [ { party, cases } ], total }',
  )
  async initiatingParties(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'initiating-parties',
      periods,
      {},
      (p) => initiatingPartiesReport(this.reader.sql, p),
      presentInitiatingParties,
    );
    return this.reader.send(req, res, 'initiating-parties', periods, body, initiatingPartiesCsv);
  }
}
