import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
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

  @ApiPropertyOptional({
    description:
      'The `position` a write answered with: the read waits until it is applied (read-your-writes)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be at least 0' })
  minPosition?: number;
}
