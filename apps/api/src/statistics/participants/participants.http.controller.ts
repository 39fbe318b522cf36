import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import {
  GROUP_BYS,
  type GroupBy,
  MANAGER_COUNTS,
  participantsCsv,
  participantsReport,
  presentParticipants,
} from '@app/read-models';
import { ApiStatisticsOk, COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { ParticipantsStatistics } from './participants.response';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { CodeField } from '../../common/dto';

export class ParticipantsQueryDto extends StatisticsQueryDto {
  @CodeField(GROUP_BYS, {
    optional: true,
    description:
      'A breakdown (docs/statistics.md §16): adds `groups` to every row, to `total` and to `unique`, the same ' +
      'figures per age band at initiation (UNDER_16 and 65+ included), target group (tags: a person counts in ' +
      'each of theirs, NONE without one), income source at entry, initiating party or the party providing the insats',
    example: 'ageBand',
  })
  groupBy?: GroupBy;
}

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
      '§5 Total and unique persons, §14 Small numbers, §15 CSV, §16 Breakdowns, §17 Comparison (periods and conventions: the introduction). One row per insats with any activity in the ' +
      'period, in catalogue order; every count split kvinna/man/annat. `total` is the row sum (a person in two insatser ' +
      'counts twice), `unique.participants` counts each person once. With ?groupBy= every row, `total` and `unique` ' +
      'get `groups`, the same figures per group. The groups add up to their row, except target groups, which are ' +
      'tags (a person counts in each of theirs), and providerParty in `unique` (a person counts once under each ' +
      'party that provided one of their insatser). ' +
      MANAGER_COUNTS +
      COMPARE_DOC,
  })
  @ApiStatisticsOk(
    ParticipantsStatistics,
    '{ from, to, rows: [ { insatsCode, name, participants: { total, kvinna, man, annat }, new, ended, volume, ' +
      'outcomes: { ARBETE: {…}, …, ARBETE_ELLER_STUDIER: {…} }, groups?: { "<code>": { participants, new, ended, outcomes } } } ], ' +
      'total: {…}, unique: { participants: {…}, groups?: { "<code>": { participants } } }, groupBy?, compare? }',
  )
  async participants(
    @Caller() caller: Principal,
    @Query() query: ParticipantsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const periods = await this.reader.periods(caller.tenant, query);
    const body = await this.reader.present(
      caller,
      'participants',
      periods,
      { groupBy: query.groupBy },
      (p) => participantsReport(this.reader.sql, p, query.groupBy),
      presentParticipants,
    );
    return this.reader.send(req, res, 'participants', periods, body, participantsCsv);
  }
}
