import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import {
  MANAGER_COUNTS,
  SmallNumbers,
  participantsCsv,
  participantsReport,
  presentParticipants,
} from '@app/read-models';
import { ApiStatisticsOk, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { ParticipantsStatistics } from './participants.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('api/v1/statistics')
export class ParticipantsHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('participants')
  @ApiProblems(400)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getParticipantsStatistics',
    summary:
      'Deltagare, varav nya, avslutade, utfall and volyminsatser per insats, with the row sum and unique persons',
    description:
      'Definitions: docs/statistics.md §1 Deltagare, §2 Varav nya, §3 Avslutade and utfall, §4 Volyminsats, ' +
      '§5 Total and unique persons, §14 Small numbers, §15 CSV (periods and conventions: the introduction). One row per insats with any activity in the ' +
      'period, in catalogue order; every count split kvinna/man/annat. `total` is the row sum (a person in two insatser ' +
      'counts twice), `unique.participants` counts each person once. ' +
      MANAGER_COUNTS,
  })
  @ApiStatisticsOk(
    ParticipantsStatistics,
    '{ from, to, rows: [ { insatsCode, name, participants: { total, kvinna, man, annat }, new, ended, volume, ' +
      'outcomes: { ARBETE: {…}, …, ARBETE_ELLER_STUDIER: {…} } } ], total: {…}, unique: { participants: {…} } }',
  )
  async participants(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const period = await this.reader.period(caller.tenant, query);
    const body = presentParticipants(
      await participantsReport(this.reader.sql, period),
      SmallNumbers.for(caller),
    );
    return this.reader.send(req, res, 'participants', period, body, participantsCsv);
  }
}
