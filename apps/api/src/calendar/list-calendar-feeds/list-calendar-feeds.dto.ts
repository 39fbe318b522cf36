import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The name given when it was made' })
  label!: string | null;

  @ApiProperty({ description: 'The user the feed reads as (a token’s `sub`)' })
  owner!: string;

  @ApiProperty({ format: 'date-time', description: 'When it was made' })
  createdAt!: string;
}

export class CalendarFeedListDto {
  @ApiProperty({ type: () => CalendarFeedDto, isArray: true })
  items!: CalendarFeedDto[];

  @ApiProperty({ type: 'integer', minimum: 0 })
  total!: number;
}
