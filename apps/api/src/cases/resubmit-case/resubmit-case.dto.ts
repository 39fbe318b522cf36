import { Matches } from 'class-validator';
import { PARTIES } from '@app/case-domain';
import { CodesField, DateField, TextField } from '../../common/dto';

export class ResubmitCaseDto {
  @TextField(10_000, { optional: true, description: 'A completed frågeställning; stored only encrypted' })
  @Matches(/\S/, { message: 'must not be blank' })
  question?: string;

  @TextField(10_000, { optional: true, description: 'A completed behovsanalys; stored only encrypted' })
  @Matches(/\S/, { message: 'must not be blank' })
  needs?: string;

  @CodesField(PARTIES, { optional: true, description: 'The other parties, if they change' })
  otherParties?: string[];

  @DateField({ optional: true, description: 'Business date; default today' })
  resubmittedOn?: string;
}
