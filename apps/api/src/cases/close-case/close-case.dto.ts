import { Matches } from 'class-validator';
import { OUTCOMES, WORK_SUBTYPES, type Outcome, type WorkSubtype } from '@app/case-domain';
import { BooleanField, CodeField, DateField, IntField, NestedField, TextField } from '../../common/dto';

export class ClosingSurveyDto {
  @BooleanField({ description: 'Whether the NNS avslutsenkät was offered' })
  offered!: boolean;

  @BooleanField({ description: 'Whether it was answered (the answers are stored apart, anonymously)' })
  answered!: boolean;
}

export class CloseCaseDto {
  @DateField({ description: 'Business date of the closure; never in the future' })
  closedOn!: string;

  @CodeField(OUTCOMES, { description: 'The case’s outcome (DOMAIN.md §5); open insatser end with it' })
  outcome!: Outcome;

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

  @BooleanField({
    description: 'Confirms the slutdokumentation was made at the initiating party; must be true (R12)',
    example: true,
  })
  slutdokumentation!: boolean;

  @NestedField(() => ClosingSurveyDto, { description: 'The NNS closing survey: offered, and answered' })
  survey!: ClosingSurveyDto;

  @IntField(1, 6, { optional: true, description: 'Progression step at closure (1–6)' })
  step?: number;

  @IntField(0, 100, { optional: true, description: 'Self-rated health at closure (VAS, 0–100)' })
  vas?: number;
}
