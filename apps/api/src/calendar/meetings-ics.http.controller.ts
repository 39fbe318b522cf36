import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { MeetingState } from '@app/case-domain';
import type { SqlClient } from '@app/event-store';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../auth/auth.guard';
import { APP_CONFIG, type AppConfig, SQL_CLIENT } from '@app/runtime';
import { CaseService } from '@app/write';
import { meetingsCalendar } from './icalendar';

const DEFAULT_DURATION_MINUTES = 120;

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1')
export class MeetingsIcsHttpController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly cases: CaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('meetings.ics')
  @Allow('processledare', 'beredning')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="beredningsgrupp.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'The tenant’s beredningsgrupp meetings as an iCalendar feed (no case or person data)',
  })
  async calendar(@Caller() caller: Principal): Promise<string> {
    const settings = (await this.cases.tenantState(caller.tenant)).settings;
    const { rows } = await this.sql.query<{ meeting_id: string; state: MeetingState; updated_at: string }>(
      `SELECT m.meeting_id, m.state, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
         FROM rm_meetings m WHERE m.tenant = $1 ORDER BY m.date, m.meeting_id`,
      [caller.tenant],
    );
    return meetingsCalendar(
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
  }
}
