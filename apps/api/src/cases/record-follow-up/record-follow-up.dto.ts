import { Matches } from 'class-validator';
import { FOLLOW_UP_MONTHS, INCOME_SOURCES, type FollowUpMonth, type IncomeSource } from '@app/case-domain';
import { CodeField, DateField, IntField, TextField } from '../../common/dto';

export class RecordFollowUpDto {
  // IsIn compares with ===: the number 3 is a month, the string "3" is not.
  @CodeField(FOLLOW_UP_MONTHS, {
    description: '3, 6, 9 or 12 (months from the first insats start, R10) or "POST_CLOSURE" (R14)',
    example: 3,
  })
  month!: FollowUpMonth;

  @DateField({
    optional: true,
    description: 'Business date of the follow-up; default today, never in the future',
  })
  recordedOn?: string;

  @CodeField(INCOME_SOURCES, { description: 'The person’s income source now (DOMAIN.md §6)' })
  incomeSource!: IncomeSource;

  @IntField(1, 6, { description: 'Progression step (stegförflyttning, 1–6)' })
  step!: number;

  @IntField(0, 100, { optional: true, description: 'Self-rated health (VAS, 0–100)' })
  vas?: number;

  @TextField(10_000, {
    optional: true,
    description: 'Notes on the person’s situation; stored only encrypted',
  })
  @Matches(/\S/, { message: 'must not be blank' })
  notes?: string;
}
