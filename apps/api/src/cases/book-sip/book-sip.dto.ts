import { PARTIES, type Party } from '@app/case-domain';
import { CodeField, CodesField, DateField, TextField } from '../../common/dto';

export class BookSipDto {
  @DateField({ description: 'The planned date of the SIP; may be in the future' })
  date!: string;

  @CodesField(PARTIES, { description: 'The invited parties, within the consent’s scope' })
  parties!: Party[];

  @CodeField(PARTIES, { description: 'The party that leads the SIP; one of the invited' })
  leader!: Party;

  @CodeField(PARTIES, { description: 'The party that documents the SIP; one of the invited' })
  documenter!: Party;

  @TextField(200, {
    optional: true,
    description: 'A reference in an external booking system, e.g. the region’s',
  })
  externalRef?: string;

  @DateField({
    optional: true,
    description:
      'When the booking was made (its business date, R9b): default today, never in the future, not ' +
      'before the SIP was requested or the booking it replaces, not after the SIP’s date. Give it ' +
      'when recording a booking made earlier, e.g. for a SIP already held',
    example: '2026-02-02',
  })
  bookedOn?: string;
}
