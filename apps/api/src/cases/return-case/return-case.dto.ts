import { DateField, TextField } from '../../common/dto';

export class ReturnCaseDto {
  @TextField(2000, { description: 'What the initiator should complete; stored only encrypted' })
  reason!: string;

  @DateField({ optional: true, description: 'Business date; default today' })
  returnedOn?: string;
}
