import { ApiProperty } from '@nestjs/swagger';
import { WriteAnswer } from '../../common/api-docs';

/** POST /api/v1/cases/{id}/insatser: the write answer and the new insats's id. */
export class StartInsatsAnswer extends WriteAnswer {
  @ApiProperty({ format: 'uuid', description: 'The new insats: name it in …/insatser/{insatsId}/end' })
  insatsId!: string;
}
