import { ApiProperty } from '@nestjs/swagger';
import { TenantWriteAnswer } from '../tenant-write.response';

/** PUT /api/v1/admin/insatser/{code}. */
export class CatalogueInsatsWriteAnswer extends TenantWriteAnswer {
  @ApiProperty({ example: 'AMT_AF' })
  code!: string;
}
