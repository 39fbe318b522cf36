import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { WEEKDAYS } from '@app/case-domain';

// The tenant's settings (libs/case-domain settings.ts) and units as GET and PUT /api/v1/admin/settings answer them.

export class MeetingCadenceView {
  @ApiProperty({ enum: WEEKDAYS })
  weekday!: string;

  @ApiProperty({ description: 'Local start time HH:MM', example: '09:00' })
  time!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, description: '1 = weekly, 2 = every other week …' })
  intervalWeeks!: number;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'A date in a meeting week' })
  anchorDate?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Meeting length in minutes' })
  durationMinutes?: number;
}

export class TenantSettingsView {
  @ApiPropertyOptional({
    type: () => MeetingCadenceView,
    description: 'The beredningsgrupp’s cadence, if set',
  })
  meetingCadence?: MeetingCadenceView;

  @ApiProperty({ type: 'integer', description: 'Months after closure before personal data is erased' })
  retentionMonths!: number;

  @ApiProperty({ type: 'integer', description: 'R16: weeks without activity before a case is flagged' })
  stagnationWeeks!: number;

  @ApiProperty({
    type: 'integer',
    description: 'R7: days from initiation within which an insats should start',
  })
  insatsDeadlineDays!: number;

  @ApiProperty({ type: 'integer', description: 'R10: days after its due date before a follow-up is overdue' })
  followUpGraceDays!: number;

  @ApiProperty({ type: 'integer', description: 'Days ahead the queue shows consents about to expire' })
  consentExpiringDays!: number;
}

export class PartyUnitView {
  @ApiProperty({ example: 'EKONOMISKT_BISTAND' })
  code!: string;

  @ApiProperty({ example: 'Ekonomiskt bistånd' })
  name!: string;
}

/** GET /api/v1/admin/settings. */
@ApiExtraModels(PartyUnitView)
export class TenantSettingsAnswer {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'The configuration’s version (0 before any change)',
  })
  version!: number;

  @ApiProperty({ type: () => TenantSettingsView })
  settings!: TenantSettingsView;

  @ApiProperty({
    type: 'object',
    description: 'Each party’s units, keyed by party code (KOMMUN, REGION, …)',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(PartyUnitView) } },
  })
  units!: Record<string, PartyUnitView[]>;
}
