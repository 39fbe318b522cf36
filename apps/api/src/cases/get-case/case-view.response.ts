import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGE_BANDS,
  CASE_STATUSES,
  CONSENT_FORMS,
  CONSENT_GIVERS,
  DEADLINE_KINDS,
  DECISIONS,
  FOLLOW_UP_MONTHS,
  GENDERS,
  INCOME_SOURCES,
  OUTCOMES,
  PARTIES,
  ROLES,
  SIP_INITIATOR_ROLES,
  SIP_KINDS,
  TARGET_GROUPS,
  WORK_SUBTYPES,
} from '@app/case-domain';

// The shapes caseView (case-view.ts) and the history route answer. Sealed fields are decrypted for
// callers allowed to read personal data and read as null after an erasure.

const DATE = { type: String, format: 'date' } as const;
const SEALED = 'Personal data: decrypted for callers allowed to see it; null after erasure';

export class CasePersonView {
  @ApiProperty({ format: 'uuid', description: 'Names the person for erasure and the registerutdrag' })
  personId!: string;

  @ApiProperty({ type: String, nullable: true, description: SEALED })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, description: `Normalized YYYYMMDD-NNNN. ${SEALED}` })
  personnummer!: string | null;

  @ApiProperty({ enum: GENDERS })
  gender!: string;

  @ApiProperty({ ...DATE })
  birthDate!: string;

  @ApiProperty({ type: 'integer', description: 'Completed years on the initiation date' })
  ageAtInitiation!: number;

  @ApiProperty({ enum: AGE_BANDS, nullable: true, description: 'Report band at initiation; null below 16' })
  ageBand!: string | null;

  @ApiProperty({ description: 'Skyddade personuppgifter' })
  protectedIdentity!: boolean;

  @ApiProperty({ description: 'The personal data was erased (crypto-shredding): sealed fields read null' })
  erased!: boolean;
}

export class ConsentView {
  @ApiProperty({ enum: CONSENT_GIVERS })
  givenBy!: string;

  @ApiProperty({ ...DATE })
  givenOn!: string;

  @ApiProperty({ enum: CONSENT_FORMS })
  form!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: SEALED })
  documentRef?: string | null;

  @ApiProperty({ enum: PARTIES, isArray: true })
  scopeParties!: string[];

  @ApiPropertyOptional({ ...DATE })
  validUntil?: string;
}

export class OwnerView {
  @ApiProperty({ enum: PARTIES, description: 'The ärendebärare’s party' })
  party!: string;

  @ApiPropertyOptional({ description: 'The ärendebärare’s user id (the token’s sub)' })
  user?: string;
}

export class CaseDecisionView {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ enum: DECISIONS })
  decision!: string;

  @ApiProperty({ ...DATE })
  decidedOn!: string;
}

export class SipBookingView {
  @ApiProperty({ ...DATE, description: 'The planned date of the SIP' })
  date!: string;

  @ApiProperty({ enum: PARTIES, isArray: true })
  parties!: string[];

  @ApiProperty({ enum: PARTIES })
  leader!: string;

  @ApiProperty({ enum: PARTIES })
  documenter!: string;

  @ApiPropertyOptional()
  externalRef?: string;

  @ApiProperty({ ...DATE, description: 'When the booking was made (R9b)' })
  bookedOn!: string;
}

export class SipPlanItemView {
  @ApiProperty({ type: String, nullable: true, description: SEALED })
  goal!: string | null;

  @ApiProperty({ type: String, nullable: true, description: SEALED })
  action!: string | null;

  @ApiProperty({ enum: PARTIES })
  responsibleParty!: string;
}

/** A SIP: the fields after `status` depend on it. */
export class SipView {
  @ApiProperty({ format: 'uuid' })
  sipId!: string;

  @ApiProperty({ enum: ['REQUESTED', 'BOOKED', 'HELD', 'CANCELLED'] })
  status!: string;

  @ApiProperty({ enum: SIP_INITIATOR_ROLES })
  initiatorRole!: string;

  @ApiProperty({ enum: SIP_KINDS })
  kind!: string;

  @ApiProperty({ description: 'Whether a förmöte was held' })
  formote!: boolean;

  @ApiProperty({ ...DATE })
  requestedOn!: string;

  @ApiPropertyOptional({
    type: () => SipBookingView,
    description: 'BOOKED; HELD and CANCELLED when it was booked',
  })
  booking?: SipBookingView;

  @ApiPropertyOptional({ ...DATE, description: 'HELD' })
  heldOn?: string;

  @ApiPropertyOptional({ description: 'HELD' })
  personAttended?: boolean;

  @ApiPropertyOptional({ enum: PARTIES, isArray: true, description: 'HELD' })
  attendees?: string[];

  @ApiPropertyOptional({ type: () => SipPlanItemView, isArray: true, description: 'HELD' })
  plan?: SipPlanItemView[];

  @ApiPropertyOptional({ ...DATE, description: 'CANCELLED' })
  cancelledOn?: string;
}

export class InsatsEndView {
  @ApiProperty({ ...DATE })
  endedOn!: string;

  @ApiProperty({ enum: OUTCOMES })
  reason!: string;

  @ApiPropertyOptional({ enum: WORK_SUBTYPES })
  subtype?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100 })
  extentPercent?: number;

  @ApiProperty({
    enum: ['ENDED', 'CASE_CLOSED', 'CONSENT_WITHDRAWN'],
    description: 'Ended on its own, with the case’s closure, or by the consent’s withdrawal',
  })
  endedBy!: string;
}

export class InsatsView {
  @ApiProperty({ format: 'uuid' })
  insatsId!: string;

  @ApiProperty({ description: 'A code of the tenant’s insats catalogue', example: 'AMT_AF' })
  insatsCode!: string;

  @ApiProperty({ enum: PARTIES, description: 'The party providing it' })
  party!: string;

  @ApiProperty({ ...DATE })
  startedOn!: string;

  @ApiPropertyOptional({ type: () => InsatsEndView, description: 'Present once the insats has ended' })
  ended?: InsatsEndView;
}

export class FollowUpView {
  @ApiProperty({
    oneOf: [
      { type: 'integer', enum: FOLLOW_UP_MONTHS.filter((m) => typeof m === 'number') },
      { type: 'string', enum: FOLLOW_UP_MONTHS.filter((m) => typeof m === 'string') },
    ],
    description: 'Months from the first insats: 3, 6, 9, 12, or POST_CLOSURE (a year after closure)',
  })
  month!: number | string;

  @ApiProperty({ ...DATE })
  dueOn!: string;

  @ApiProperty({ ...DATE })
  recordedOn!: string;

  @ApiProperty({ enum: INCOME_SOURCES })
  incomeSource!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 6, description: 'Stegförflyttning' })
  step!: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 })
  vas?: number;
}

export class FollowUpScheduleView {
  @ApiProperty({ ...DATE })
  firstInsatsStartedOn!: string;

  @ApiProperty({
    type: 'object',
    description: 'The due date of each scheduled follow-up, keyed by month: "3", "6", "9", "12"',
    additionalProperties: { type: 'string', format: 'date' },
    example: { '3': '2026-06-01', '6': '2026-09-01', '9': '2026-12-01', '12': '2027-03-01' },
  })
  dueDates!: Record<string, string>;
}

export class UpcomingDeadlineView {
  @ApiProperty({ enum: DEADLINE_KINDS })
  kind!: string;

  @ApiProperty({ ...DATE, description: 'The first day the deadline is reached' })
  dueOn!: string;

  @ApiProperty({ type: 'integer', description: 'Days from today; negative once passed' })
  daysLeft!: number;
}

export class CaseDeadlinesView {
  @ApiProperty({ ...DATE, description: 'R7: an insats should start by this date' })
  insatsDeadline!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Days left of the insats deadline while no insats has started; negative once passed',
  })
  insatsDaysLeft!: number | null;

  @ApiProperty()
  insatsDeadlineMissed!: boolean;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'This closure’s retention date came while another case of the person still needed the data',
  })
  retentionHeldOn!: string | null;

  @ApiProperty({ type: () => UpcomingDeadlineView, isArray: true })
  upcoming!: UpcomingDeadlineView[];
}

export class CaseFlagsView {
  @ApiProperty({
    enum: ['OUTSIDE_16_64', 'APPROACHING_30_AKTIVITETSERSATTNING'],
    isArray: true,
    description: 'R17',
  })
  ageLimits!: string[];

  @ApiProperty({ description: 'R16: no activity for the tenant’s stagnation weeks' })
  stagnant!: boolean;
}

export class ClosureView {
  @ApiProperty({ ...DATE })
  closedOn!: string;

  @ApiProperty({ enum: OUTCOMES })
  outcome!: string;

  @ApiPropertyOptional({ enum: WORK_SUBTYPES })
  subtype?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100 })
  extentPercent?: number;

  @ApiProperty({ description: 'Closed by the withdrawal of consent (R15)' })
  viaConsentWithdrawal!: boolean;
}

/** GET /api/v1/cases/{id}. */
export class CaseView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Send as If-Match with the next write' })
  version!: number;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: string;

  @ApiProperty({ enum: PARTIES })
  initiatingParty!: string;

  @ApiProperty({ type: String, nullable: true, description: 'A unit code of the initiating party' })
  initiatingUnit!: string | null;

  @ApiProperty({ enum: PARTIES, isArray: true })
  otherParties!: string[];

  @ApiProperty({
    enum: PARTIES,
    isArray: true,
    description: 'The initiator, the others and the owner’s party',
  })
  parties!: string[];

  @ApiProperty({
    type: 'object',
    description: 'Parties that ended their own involvement (R12), with the date',
    additionalProperties: { type: 'string', format: 'date' },
    example: { REGION: '2026-05-02' },
  })
  endedParties!: Record<string, string>;

  @ApiProperty({
    type: () => OwnerView,
    nullable: true,
    description: 'The ärendebärare, once a decision or handover named one',
  })
  owner!: OwnerView | null;

  @ApiProperty({ type: () => CasePersonView })
  person!: CasePersonView;

  @ApiProperty({ type: () => ConsentView })
  consent!: ConsentView;

  @ApiProperty({ type: String, nullable: true, description: `Frågeställning. ${SEALED}` })
  question!: string | null;

  @ApiProperty({ type: String, nullable: true, description: `Behovsanalys. ${SEALED}` })
  needs!: string | null;

  @ApiProperty({ enum: INCOME_SOURCES })
  incomeSourceAtEntry!: string;

  @ApiProperty({ enum: INCOME_SOURCES, description: 'The latest known: entry, then follow-ups' })
  currentIncomeSource!: string;

  @ApiProperty({ enum: TARGET_GROUPS, isArray: true })
  targetGroups!: string[];

  @ApiProperty({ ...DATE })
  initiatedOn!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  acceptedOn!: string | null;

  @ApiProperty({
    type: () => CaseDecisionView,
    nullable: true,
    description: 'The latest substantive decision (FORDJUPAD or EJ_FORDJUPAD)',
  })
  decision!: CaseDecisionView | null;

  @ApiProperty({
    type: () => CaseDecisionView,
    isArray: true,
    description: 'Every decision in order, postponements included',
  })
  decisions!: CaseDecisionView[];

  @ApiProperty({ type: () => SipView, isArray: true })
  sips!: SipView[];

  @ApiProperty({ type: () => InsatsView, isArray: true })
  insatser!: InsatsView[];

  @ApiProperty({ type: () => FollowUpView, isArray: true })
  followUps!: FollowUpView[];

  @ApiProperty({
    type: () => FollowUpScheduleView,
    nullable: true,
    description: 'Set once the first insats started (R10)',
  })
  followUpSchedule!: FollowUpScheduleView | null;

  @ApiProperty({ type: () => CaseDeadlinesView })
  deadlines!: CaseDeadlinesView;

  @ApiProperty({ type: () => CaseFlagsView })
  flags!: CaseFlagsView;

  @ApiProperty({ ...DATE, description: 'The latest business date among the case’s own facts (R16)' })
  lastActivityOn!: string;

  @ApiProperty({
    type: () => ClosureView,
    nullable: true,
    description: 'CLOSED, or WITHDRAWN after a closure',
  })
  closure!: ClosureView | null;
}

export class ActorView {
  @ApiProperty({ description: 'The user or client id (the token’s sub)' })
  sub!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles!: string[];

  @ApiPropertyOptional({ enum: PARTIES })
  party?: string;
}

export class CaseEventView {
  @ApiProperty({ type: 'integer', description: 'The global position' })
  position!: number;

  @ApiProperty({ type: 'integer', description: 'The case’s version after this event' })
  version!: number;

  @ApiProperty({ description: 'The event type, e.g. CaseInitiated, SipRequested', example: 'CaseInitiated' })
  type!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Its business date, if it has one',
  })
  occurredOn?: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When it was recorded' })
  recordedAt!: string;

  @ApiProperty({ type: () => ActorView })
  actor!: ActorView;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: `The event’s data, by type. ${SEALED}`,
  })
  data!: Record<string, unknown>;
}

/** GET /api/v1/cases/{id}/history. */
export class CaseHistory {
  @ApiProperty({ type: () => CaseEventView, isArray: true, description: 'In order' })
  events!: CaseEventView[];
}
