import { Matches } from 'class-validator';
import { OUTCOMES, WORK_SUBTYPES, type Outcome, type WorkSubtype } from '@app/case-domain';
import { CodeField, DateField, IntField, TextField } from '../../common/dto';

export class EndInsatsDto {
  @DateField({ description: 'Business date the insats ended; never in the future' })
  endedOn!: string;

  @CodeField(OUTCOMES, { description: 'The end reason: an outcome code (DOMAIN.md §5)' })
  reason!: Outcome;

  @CodeField(WORK_SUBTYPES, { optional: true, description: 'Required for ARBETE' })
  subtype?: WorkSubtype;

  @IntField(1, 100, {
    optional: true,
    description: 'Extent in percent, for work, studies and partial compensation',
  })
  extentPercent?: number;

  @TextField(2000, { optional: true, description: 'Required for ANNAT; stored only encrypted' })
  @Matches(/\S/, { message: 'must not be blank' })
  otherReason?: string;
}
