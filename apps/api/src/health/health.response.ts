import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** GET /health. */
export class HealthLive {
  @ApiProperty({ enum: ['ok'] })
  status!: string;
}

export class ReadinessChecks {
  @ApiProperty({ enum: ['up', 'down'] })
  store!: string;

  @ApiProperty({
    enum: ['up', 'embedded', 'degraded'],
    description: 'degraded never makes the service not ready',
  })
  queue!: string;

  @ApiProperty({ enum: ['up', 'stalled'] })
  consumers!: string;
}

/** GET /health/ready, answered 200 or 503. */
export class HealthReady {
  @ApiProperty({ enum: ['ready', 'not-ready'] })
  status!: string;

  @ApiProperty({ type: () => ReadinessChecks })
  checks!: ReadinessChecks;

  @ApiPropertyOptional({
    type: String,
    isArray: true,
    description: 'The stalled consumers (projections, reactors), by name',
  })
  stalled?: string[];
}
