import { ApiProperty } from '@nestjs/swagger';
import { WriteAnswer } from '../../common/api-docs';

/** POST /api/v1/cases/{id}/sips: the write answer and the new SIP's id. */
export class RequestSipAnswer extends WriteAnswer {
  @ApiProperty({
    format: 'uuid',
    description: 'The new SIP: name it in …/sips/{sipId}/booking, /held, /cancel',
  })
  sipId!: string;
}
