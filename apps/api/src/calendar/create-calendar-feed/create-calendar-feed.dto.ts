import { ApiProperty } from '@nestjs/swagger';
import { TextField } from '../../common/dto';

export class CreateCalendarFeedDto {
  @TextField(100, {
    optional: true,
    description:
      'A name for the feed, to tell one’s feeds apart (e.g. “Outlook på jobbet”); no personal data',
    example: 'Outlook',
  })
  label?: string;
}

export class CalendarFeedCreatedDto {
  @ApiProperty({ format: 'uuid', description: 'The feed: revoke it with DELETE /api/v1/calendar/feeds/{id}' })
  id!: string;

  @ApiProperty({
    description:
      'The feed’s URL, `/api/v1/meetings.ics?feed=<secret>`: subscribe to it (Outlook: add calendar from the ' +
      'internet). Shown only this once: the secret is kept only as a hash.',
    example: '/api/v1/meetings.ics?feed=q2Jx0…',
  })
  url!: string;
}
