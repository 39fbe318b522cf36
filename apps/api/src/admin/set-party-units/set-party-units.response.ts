import { ApiProperty } from '@nestjs/swagger';
import { PARTIES } from '@app/case-domain';
import { TenantWriteAnswer } from '../tenant-write.response';

/** PUT /api/v1/admin/parties/{party}/units. */
export class PartyUnitsWriteAnswer extends TenantWriteAnswer {
  @ApiProperty({ enum: PARTIES })
  party!: string;
}
