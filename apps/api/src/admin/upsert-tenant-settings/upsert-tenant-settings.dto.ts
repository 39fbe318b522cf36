import { Matches } from 'class-validator';
import { WEEKDAYS } from '@app/case-domain';
import { CodeField, DateField, IntField, NestedField, TextField } from '../../common/dto';

export class MeetingCadenceDto {
  @CodeField(WEEKDAYS, { description: 'The meeting weekday' })
  weekday!: string;

  @TextField(5, { description: 'Local start time HH:MM', example: '09:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:MM' })
  time!: string;

  @IntField(1, 4, { description: '1 = weekly, 2 = every other week …', example: 1 })
  intervalWeeks!: number;

  @DateField({
    optional: true,
    description: 'A date in a meeting week, to tell which weeks meet when intervalWeeks > 1',
  })
  anchorDate?: string;

  @IntField(5, 600, {
    optional: true,
    description: 'Meeting length in minutes (the calendar feed)',
    example: 90,
  })
  durationMinutes?: number;
}

/** Changes the named settings; the others keep their values. */
export class UpsertTenantSettingsDto {
  @NestedField(() => MeetingCadenceDto, {
    optional: true,
    description: 'The beredningsgrupp’s cadence; null clears it',
  })
  meetingCadence?: MeetingCadenceDto | null;

  @IntField(1, 240, {
    optional: true,
    description: 'Months after closure before personal data is erased',
    example: 24,
  })
  retentionMonths?: number;

  @IntField(1, 104, {
    optional: true,
    description: 'R16: weeks without activity before a case is flagged',
    example: 8,
  })
  stagnationWeeks?: number;

  @IntField(1, 730, {
    optional: true,
    description: 'R7: days from initiation within which an insats should start',
    example: 90,
  })
  insatsDeadlineDays?: number;

  @IntField(0, 180, {
    optional: true,
    description: 'R10: days after its due date before a follow-up is overdue',
    example: 14,
  })
  followUpGraceDays?: number;

  @IntField(0, 365, {
    optional: true,
    description: 'Days ahead the queue shows consents about to expire',
    example: 30,
  })
  consentExpiringDays?: number;
}
