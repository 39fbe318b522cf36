import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SqlClient } from '@app/event-store';
import {
  CLOCK,
  type Clock,
  localDate,
  validationError,
  APP_CONFIG,
  type AppConfig,
  SQL_CLIENT,
} from '@app/runtime';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { ReadModelSync, requireCaughtUp, decodeMeetingsCursor, queryMeetings } from '@app/read-models';
import { ListMeetingsQueryDto } from './list-meetings.dto';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { ListMeetingsAnswer } from './list-meetings.response';

@ApiTags('meetings')
@ApiAuthenticated()
@Controller('api/v1/meetings')
export class ListMeetingsHttpController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly sync: ReadModelSync,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // The same roles as the meeting view and the calendar feed: every meeting of the tenant.
  @Get()
  @ApiProblems(400)
  @ApiOkResponse({ type: ListMeetingsAnswer, description: 'A page of meetings in date order' })
  @Allow('processledare', 'beredning')
  @ApiOperation({
    operationId: 'listMeetings',
    summary: 'The tenant’s beredningsgrupp meetings in date order, for planning',
    description:
      'From today (the tenant’s local date) unless `from` says otherwise; `to` bounds the last day (both included). ' +
      'Ordered by date, then id; pages with limit and cursor, and `total` counts every match. Each meeting gives its ' +
      'time and place when set and how many cases are on its agenda and decided there — no case ids and no personal ' +
      'data: GET /api/v1/meetings/{id} shows the agenda.',
  })
  async list(@Caller() caller: Principal, @Query() query: ListMeetingsQueryDto) {
    if (query.cursor && !decodeMeetingsCursor(query.cursor))
      throw validationError([{ field: 'cursor', message: 'is not a cursor from this list' }]);
    const from = query.from ?? localDate(this.clock.now(), this.config.timeZone);
    if (query.to !== undefined && query.to < from) {
      throw validationError([
        {
          field: 'to',
          message: query.from
            ? 'must be on or after from'
            : 'must be on or after from (today when from is not given)',
        },
      ]);
    }
    await requireCaughtUp(this.sync, 'meetings', query.minPosition);
    return queryMeetings(this.sql, {
      tenant: caller.tenant,
      from,
      to: query.to,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }
}
