import { MinPositionField } from '../../common/read-query.dto';
import { DateField } from '../../common/dto';
import { ListQueryDto } from '../../common/list-query.dto';

/** `?from&to` (both days included), `?limit&cursor` like every list, and `?minPosition=`. */
export class ListMeetingsQueryDto extends ListQueryDto {
  @DateField({
    optional: true,
    description: 'Meetings on or after this day; default today (the tenant’s local date)',
    example: '2026-06-01',
  })
  from?: string;

  @DateField({
    optional: true,
    description: 'Meetings on or before this day; on or after from',
    example: '2026-06-30',
  })
  to?: string;

  @MinPositionField()
  minPosition?: number;
}
