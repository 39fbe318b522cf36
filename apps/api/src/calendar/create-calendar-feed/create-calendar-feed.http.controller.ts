import { Body, Controller, HttpCode, Injectable, Post, UseGuards } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpRequest } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { AuditAction } from '../../audit/audit.interceptor';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { CalendarFeeds } from '../calendar-feeds';
import { CalendarFeedCreatedDto, CreateCalendarFeedDto } from './create-calendar-feed.dto';

/**
 * The answer holds the feed's secret, which is kept nowhere but in the caller's hands: an
 * Idempotency-Key would store the answer, so it is not taken here (a retry makes another feed).
 */
@Injectable()
class NoStoredAnswer implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    delete context.switchToHttp().getRequest<HttpRequest>().headers['idempotency-key'];
    return true;
  }
}

@ApiTags('calendar')
@ApiAuthenticated()
@Controller('api/v1/calendar/feeds')
export class CreateCalendarFeedHttpController {
  constructor(private readonly feeds: CalendarFeeds) {}

  @Post()
  @HttpCode(201)
  @Allow('processledare', 'beredning')
  @UseGuards(NoStoredAnswer)
  @AuditAction('calendar-feeds.create')
  @ApiProblems(400, 413, 415)
  @ApiOperation({
    operationId: 'createCalendarFeed',
    summary: 'Make a personal secret calendar feed of the beredningsgrupp’s meetings',
    description:
      'Answers the feed’s URL, `/api/v1/meetings.ics?feed=<secret>` (32 random bytes, base64url), which answers ' +
      'without an Authorization header — Outlook cannot send one — with what the caller may see, until revoked. ' +
      'The secret is shown only in this answer and stored only as its sha256; keep the URL like a password. ' +
      'An Idempotency-Key is not kept for this route (its answer holds the secret): a retry makes another feed.',
  })
  @ApiCreatedResponse({ type: CalendarFeedCreatedDto, description: 'The feed and its secret URL' })
  async create(
    @Caller() caller: Principal,
    @Body() body: CreateCalendarFeedDto,
  ): Promise<CalendarFeedCreatedDto> {
    const { id, secret } = await this.feeds.create(caller, body?.label);
    return { id, url: `/api/v1/meetings.ics?feed=${secret}` };
  }
}
