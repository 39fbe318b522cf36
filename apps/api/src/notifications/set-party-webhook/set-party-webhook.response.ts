import { ApiProperty } from '@nestjs/swagger';
import { PARTIES } from '@app/case-domain';

/** PUT /api/v1/admin/parties/{party}/webhook: the secret is never returned. */
export class PartyWebhookView {
  @ApiProperty({ enum: PARTIES })
  party!: string;

  @ApiProperty({ example: 'https://kommun.example/amt-notices' })
  url!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}
