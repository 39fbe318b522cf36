import { ApiProperty } from '@nestjs/swagger';
import { StreamVersion, WriteAnswer } from '../../common/api-docs';

/** POST /api/v1/meetings/{id}/agenda/{caseId}/move: this meeting's write answer and the other's. */
export class MoveAgendaItemAnswer extends WriteAnswer {
  @ApiProperty({ type: () => StreamVersion, description: 'The meeting the case moved to' })
  toMeeting!: StreamVersion;
}
