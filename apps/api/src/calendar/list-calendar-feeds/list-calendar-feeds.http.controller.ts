import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { AuditAction } from '../../audit/audit.interceptor';
import { ApiAuthenticated } from '../../common/api-docs';
import { CalendarFeeds } from '../calendar-feeds';
import { CalendarFeedListDto } from './list-calendar-feeds.dto';

@ApiTags('calendar')
@ApiAuthenticated()
@Controller('api/v1/calendar/feeds')
export class ListCalendarFeedsHttpController {
  constructor(private readonly feeds: CalendarFeeds) {}

  @Get()
  @Allow('processledare', 'beredning', 'admin')
  @AuditAction('calendar-feeds.list')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'listCalendarFeeds',
    summary: 'The caller’s calendar feeds that are not revoked (never their secrets)',
    description: 'Oldest first. An admin sees every live feed of the tenant, to revoke one.',
  })
  @ApiOkResponse({ type: CalendarFeedListDto })
  async list(@Caller() caller: Principal): Promise<CalendarFeedListDto> {
    const items = await this.feeds.list(caller);
    return { items, total: items.length };
  }
}
