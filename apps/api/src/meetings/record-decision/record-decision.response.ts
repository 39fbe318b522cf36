import { ApiProperty } from '@nestjs/swagger';
import { StreamVersion, WriteAnswer } from '../../common/api-docs';

/** POST /api/v1/cases/{id}/decision: the case's write answer and the meeting's protocol. */
export class RecordDecisionAnswer extends WriteAnswer {
  @ApiProperty({ type: () => StreamVersion, description: 'The meeting whose protocol took the decision' })
  meeting!: StreamVersion;
}
