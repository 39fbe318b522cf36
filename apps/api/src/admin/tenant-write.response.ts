import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What every admin write answers (TenantWriteResponse): the tenant configuration's new version. */
export class TenantWriteAnswer {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'The configuration’s new version (also the ETag)',
  })
  version!: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'The global position of the write' })
  position?: number;
}
