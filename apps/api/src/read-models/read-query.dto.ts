import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** `?minPosition=`: wait (bounded) until the read models have applied this global position. */
export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'The `position` a write answered with: the read waits until it is applied (read-your-writes)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be at least 0' })
  minPosition?: number;
}
