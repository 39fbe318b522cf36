import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max } from 'class-validator';

/**
 * `?minPosition=`: wait (bounded) until the read models have applied this global position. Digits
 * only ("1e3", " 12" or "0x10" stay text and are refused), and a position the store can hold: a
 * number past 2^53 would silently round.
 */
export function MinPositionField() {
  return applyDecorators(
    ApiPropertyOptional({
      type: Number,
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description:
        'The `position` a write answered with: the read waits until it is applied (read-your-writes). ' +
        'A position beyond the latest write is a 400.',
    }),
    IsOptional(),
    // Digits only become a number (a long one too, so that Max names it); anything else stays text.
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^\d{1,400}$/.test(value) ? Number(value) : value,
    ),
    IsInt({ message: 'must be a whole number' }),
    Max(Number.MAX_SAFE_INTEGER, { message: 'is beyond any position the store can hold' }),
  );
}

export class ReadQueryDto {
  @MinPositionField()
  minPosition?: number;
}
