import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERASURE_REASON_CODES } from '@app/security';
import { StreamVersion } from '../../common/api-docs';

/** POST /api/v1/persons/{personId}/erasure (ErasePersonResponse). */
export class ErasePersonAnswer {
  @ApiProperty({ format: 'uuid' })
  personId!: string;

  @ApiProperty({ enum: [true] })
  erased!: boolean;

  @ApiProperty({ enum: ERASURE_REASON_CODES, description: 'The reason code kept' })
  reason!: string;

  @ApiProperty({
    type: () => StreamVersion,
    isArray: true,
    description: 'Each case of the person with its version after the erasure',
  })
  cases!: StreamVersion[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'The global position of the last event written',
  })
  position?: number;
}
