import { TextField } from '../../common/dto';

export class ErasePersonDto {
  @TextField(200, {
    description:
      'Why: a code (ERASURE_REQUEST, CONSENT_WITHDRAWN, OTHER) or a short text. Only a code is stored: a text is ' +
      'recorded as ERASURE_REQUEST, since a reason can itself be personal data.',
    example: 'ERASURE_REQUEST',
  })
  reason!: string;
}
