import { Controller, Get, Header, Inject, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { MeetingState } from '@app/case-domain';
import type { SqlClient } from '@app/event-store';
import { AuditLog, type Principal } from '@app/security';
import { Public } from '../auth/public.decorator';
import { ApiProblems } from '../common/api-docs';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock, SQL_CLIENT, unauthenticated } from '@app/runtime';
import { CaseService } from '@app/write';
import { meetingsCalendar } from './icalendar';
import { type CalendarRequest, MeetingsIcsGuard } from './meetings-ics.guard';

const DEFAULT_DURATION_MINUTES = 120;

export class MeetingsIcsQueryDto {
  @ApiPropertyOptional({
    description:
      'The secret of a personal calendar feed (POST /api/v1/calendar/feeds gives the whole URL): then no ' +
      'Authorization header is needed. An unknown or revoked secret is a 404.',
  })
  @IsOptional()
  @IsString()
  feed?: string;
}

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1')
export class MeetingsIcsHttpController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly cases: CaseService,
    private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Public to AuthGuard: MeetingsIcsGuard takes a bearer token (processledare, beredning) or a feed secret.
  @Get('meetings.ics')
  @Public()
  @UseGuards(MeetingsIcsGuard)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="beredningsgrupp.ics"')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOperation({
    operationId: 'meetingsIcs',
    summary: 'The tenant’s beredningsgrupp meetings as an iCalendar feed (no case or person data)',
    description:
      'With a bearer token (processledare, beredning), or without any header through `?feed=<secret>`, a ' +
      'personal feed made with POST /api/v1/calendar/feeds: it reads the feed owner’s tenant as that user may, ' +
      'until revoked. Every read through a feed is audited as calendar-feed.use.',
  })
  @ApiOkResponse({
    description: 'An iCalendar (RFC 5545) document',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  // 401: no feed secret and no valid bearer token; 404: the feed secret is unknown or revoked.
  @ApiProblems(401, 403, 404, 429)
  async calendar(@Req() req: CalendarRequest, @Query() _query: MeetingsIcsQueryDto): Promise<string> {
    const caller: Principal | undefined = req.calendarFeed?.principal ?? req.principal;
    if (!caller) throw unauthenticated();
    const settings = (await this.cases.tenantState(caller.tenant)).settings;
    const { rows } = await this.sql.query<{ meeting_id: string; state: MeetingState; updated_at: string }>(
      `SELECT m.meeting_id, m.state, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
         FROM rm_meetings m WHERE m.tenant = $1 ORDER BY m.date, m.meeting_id`,
      [caller.tenant],
    );
    const body = meetingsCalendar(
      'Beredningsgrupp',
      this.config.timeZone,
      rows.flatMap((r) =>
        r.state.status === 'SCHEDULED'
          ? [
              {
                meetingId: r.meeting_id,
                date: r.state.date,
                time: r.state.time ?? settings.meetingCadence?.time,
                place: r.state.place,
                durationMinutes: settings.meetingCadence?.durationMinutes ?? DEFAULT_DURATION_MINUTES,
                updatedAt: r.updated_at,
              },
            ]
          : [],
      ),
    );
    // A request with a token is recorded by the audit interceptor; one through a feed has no
    // principal there, so it is recorded here as its owner's, before it is answered.
    if (req.calendarFeed) {
      await this.audit.record([
        {
          at: this.clock.now(),
          tenant: caller.tenant,
          actor: caller.sub,
          roles: caller.roles,
          ...(caller.party ? { party: caller.party } : {}),
          action: 'calendar-feed.use',
          route: 'GET /api/v1/meetings.ics',
          status: 200,
          ...((req as { id?: unknown }).id !== undefined
            ? { requestId: String((req as { id?: unknown }).id) }
            : {}),
        },
      ]);
    }
    return body;
  }
}
