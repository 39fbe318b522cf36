import { PARTIES } from '@app/case-domain';
import { CodeField, DateField, TextField } from '../../common/dto';

/** A volyminsats: no person, no case. */
export class RecordConsultationDto {
  @TextField(64, { description: 'An active insats of the tenant’s catalogue', example: 'AMT_AF' })
  insatsCode!: string;

  @DateField({
    optional: true,
    description: 'Business date of the consultation; default today, never in the future',
  })
  heldOn?: string;

  @CodeField(PARTIES, {
    optional: true,
    description: 'The consulted party; default the caller’s party, then the insats’s',
  })
  party?: string;
}
