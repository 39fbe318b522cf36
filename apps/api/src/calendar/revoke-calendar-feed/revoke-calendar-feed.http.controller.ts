import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { notFound } from '@app/runtime';
import { Allow, Caller } from '../../auth/auth.guard';
import { AuditAction } from '../../audit/audit.interceptor';
import { ApiAuthenticated, ApiProblems, ApiUuidParam } from '../../common/api-docs';
import { requireUuidParam } from '../../common/write-request';
import { CalendarFeeds } from '../calendar-feeds';

@ApiTags('calendar')
@ApiAuthenticated()
@Controller('api/v1/calendar/feeds')
export class RevokeCalendarFeedHttpController {
  constructor(private readonly feeds: CalendarFeeds) {}

  @Delete(':id')
  @HttpCode(204)
  @Allow('processledare', 'beredning', 'admin')
  @AuditAction('calendar-feeds.revoke')
  @ApiProblems(404)
  @ApiOperation({
    operationId: 'revokeCalendarFeed',
    summary: 'Revoke a calendar feed: its URL answers 404 from now on',
    description:
      'Only the feed’s owner, or an admin of its tenant. Another user’s feed is a 404, as is one revoked already.',
  })
  @ApiUuidParam('id', 'The feed')
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
    if (!(await this.feeds.revoke(caller, requireUuidParam(id, 'calendar feed'))))
      throw notFound('calendar feed');
  }
}
