import { Module } from '@nestjs/common';
import { CalendarFeeds } from './calendar-feeds';
import { CreateCalendarFeedHttpController } from './create-calendar-feed/create-calendar-feed.http.controller';
import { ListCalendarFeedsHttpController } from './list-calendar-feeds/list-calendar-feeds.http.controller';
import { RevokeCalendarFeedHttpController } from './revoke-calendar-feed/revoke-calendar-feed.http.controller';

/**
 * Personal calendar feeds. The meetings feed itself (MeetingsIcsHttpController) stays in the app
 * module, beside the token verifier its guard shares with AuthGuard.
 */
@Module({
  controllers: [
    CreateCalendarFeedHttpController,
    ListCalendarFeedsHttpController,
    RevokeCalendarFeedHttpController,
  ],
  providers: [CalendarFeeds],
  exports: [CalendarFeeds],
})
export class CalendarModule {}
