import { DateField, TextField } from '../../common/dto';

export class ReopenCaseDto {
  @TextField(2000, { description: 'Why the case is reopened; stored only encrypted' })
  reason!: string;

  @DateField({
    optional: true,
    description: 'Business date of the reopening; default today, never in the future',
  })
  reopenedOn?: string;
}
