import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { notFound } from '@app/runtime';
import { Allow, Caller } from '../../auth/auth.guard';
import { AuditAction } from '../../audit/audit.interceptor';
import { requireUuidParam } from '../../common/write-request';
import { CalendarFeeds } from '../calendar-feeds';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1/calendar/feeds')
export class RevokeCalendarFeedHttpController {
  constructor(private readonly feeds: CalendarFeeds) {}

  @Delete(':id')
  @HttpCode(204)
  @Allow('processledare', 'beredning', 'admin')
  @AuditAction('calendar-feeds.revoke')
  @ApiOperation({
    operationId: 'revokeCalendarFeed',
    summary: 'Revoke a calendar feed: its URL answers 404 from now on',
    description:
      'Only the feed’s owner, or an admin of its tenant. Another user’s feed is a 404, as is one revoked already.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The feed' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No live feed of the caller’s with this id' })
  async revoke(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
    if (!(await this.feeds.revoke(caller, requireUuidParam(id, 'calendar feed'))))
      throw notFound('calendar feed');
  }
}
