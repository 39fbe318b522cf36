// Code lists exactly as DOMAIN.md §5–§8 and API.md spell them: one readonly array and one union each.

export const PARTIES = ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN', 'FORSAKRINGSKASSAN'] as const;
export type Party = (typeof PARTIES)[number];

export const ROLES = ['processledare', 'handlaggare', 'beredning', 'manager', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const INCOME_SOURCES = [
  'FORSORJNINGSSTOD',
  'SJUKPENNING',
  'SJUKPENNING_SARSKILDA_FALL',
  'AKTIVITETSERSATTNING',
  'SJUKERSATTNING',
  'ARBETSLOSHETSERSATTNING',
  'AKTIVITETSSTOD',
  'UTVECKLINGSERSATTNING',
  'ETABLERINGSERSATTNING',
  'LON',
  'STUDIEMEDEL',
  'INGEN',
  'OKAND',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const TARGET_GROUPS = [
  'LANGTIDSBIDRAGSTAGARE',
  'SJUKSKRIVEN_ARBETSLOS',
  'UTRIKES_FODD',
  'FUNKTIONSNEDSATTNING',
  'UNG_AKTIVITETSERSATTNING',
  'HEMMASITTARE',
  'KAA',
  'UNG_EJ_ETABLERAD',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const GENDERS = ['KVINNA', 'MAN', 'ANNAT_EJ_SVAR'] as const;
export type Gender = (typeof GENDERS)[number];

export const CONSENT_GIVERS = ['PERSON', 'VARDNADSHAVARE', 'GOD_MAN', 'FORVALTARE'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const CONSENT_FORMS = ['SKRIFTLIG', 'MUNTLIG', 'DIGITAL'] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];

export const DECISIONS = [
  'FORDJUPAD_SAMORDNING',
  'EJ_FORDJUPAD_SAMORDNING',
  'BORDLAGD',
  'KOMPLETTERING',
] as const;
export type Decision = (typeof DECISIONS)[number];

export const SIP_INITIATOR_ROLES = [
  'SOCIALSEKRETERARE',
  'ARBETSKONSULENT',
  'VARDEN',
  'VUXENSTOD',
  'ARBETSCOACH',
  'ARBETSFORMEDLARE',
  'FK_HANDLAGGARE',
  'PROCESSLEDARE',
  'ANNAN',
] as const;
export type SipInitiatorRole = (typeof SIP_INITIATOR_ROLES)[number];

export const SIP_KINDS = ['FORSTA', 'UPPFOLJNING'] as const;
export type SipKind = (typeof SIP_KINDS)[number];

export const OUTCOMES = [
  'ARBETE',
  'STUDIER',
  'ARBETSSOKANDE',
  'ARBETSLIVSINRIKTAD_REHAB',
  'SJUKERSATTNING',
  'AKTIVITETSERSATTNING',
  'TRYGGHETSPENSION',
  'VARD_BEHANDLING',
  'ATER_REMITTENT',
  'SJUKDOM',
  'FLYTT',
  'AVBROTT',
  'SAMTYCKE_ATERKALLAT',
  'ANNAT',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const WORK_SUBTYPES = [
  'OSUBVENTIONERAD',
  'LONEBIDRAG',
  'NYSTARTSJOBB',
  'INTRODUKTIONSJOBB',
  'SAMHALL',
  'KOMMUNAL_ANSTALLNING',
  'ANNAN_SUBVENTION',
] as const;
export type WorkSubtype = (typeof WORK_SUBTYPES)[number];

export const FOLLOW_UP_MONTHS = [3, 6, 9, 12, 'POST_CLOSURE'] as const;
export type FollowUpMonth = (typeof FOLLOW_UP_MONTHS)[number];
/** The follow-ups counted from the first insats start (R10); POST_CLOSURE counts from closure (R14). */
export const SCHEDULED_FOLLOW_UP_MONTHS = [3, 6, 9, 12] as const;
export type ScheduledFollowUpMonth = (typeof SCHEDULED_FOLLOW_UP_MONTHS)[number];

export const AGE_BANDS = ['16-19', '20-29', '30-39', '40-49', '50-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** NNS avslutsenkät, DOMAIN.md §8. Ordered from lowest to highest step. */
export const FREQUENCY_SCALE = ['ALDRIG', 'SALLAN', 'IBLAND', 'OFTA', 'FOR_DET_MESTA', 'ALLTID'] as const;
export type FrequencyAnswer = (typeof FREQUENCY_SCALE)[number];
export const EXTENT_SCALE = [
  'INTE_ALLS',
  'TILL_LITEN_DEL',
  'DELVIS',
  'TILL_STOR_DEL',
  'TILL_MYCKET_STOR_DEL',
  'HELT_OCH_HALLET',
] as const;
export type ExtentAnswer = (typeof EXTENT_SCALE)[number];
export const YES_NO = ['JA', 'NEJ'] as const;
export type YesNo = (typeof YES_NO)[number];

/** The labels users know, for exports and UIs. */
export const SURVEY_ANSWER_LABELS: Record<FrequencyAnswer | ExtentAnswer | YesNo, string> = {
  ALDRIG: 'Aldrig',
  SALLAN: 'Sällan',
  IBLAND: 'Ibland',
  OFTA: 'Ofta',
  FOR_DET_MESTA: 'För det mesta',
  ALLTID: 'Alltid',
  INTE_ALLS: 'Inte alls',
  TILL_LITEN_DEL: 'Till liten del',
  DELVIS: 'Delvis',
  TILL_STOR_DEL: 'Till stor del',
  TILL_MYCKET_STOR_DEL: 'Till mycket stor del',
  HELT_OCH_HALLET: 'Helt och hållet',
  JA: 'Ja',
  NEJ: 'Nej',
};

export const OUTCOME_CLASSES = ['arbete/studier', 'rätt försörjning', 'other'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

/** How each outcome counts in reports (DOMAIN.md §5). */
export const OUTCOME_CLASS: Readonly<Record<Outcome, OutcomeClass>> = {
  ARBETE: 'arbete/studier',
  STUDIER: 'arbete/studier',
  ARBETSSOKANDE: 'other',
  ARBETSLIVSINRIKTAD_REHAB: 'other',
  SJUKERSATTNING: 'rätt försörjning',
  AKTIVITETSERSATTNING: 'rätt försörjning',
  TRYGGHETSPENSION: 'rätt försörjning',
  VARD_BEHANDLING: 'other',
  ATER_REMITTENT: 'other',
  SJUKDOM: 'other',
  FLYTT: 'other',
  AVBROTT: 'other',
  SAMTYCKE_ATERKALLAT: 'other',
  ANNAT: 'other',
};

export function outcomeClass(outcome: Outcome): OutcomeClass {
  return OUTCOME_CLASS[outcome];
}

/** Outcomes that may carry an extent in percent (work, studies, partial compensation). */
export const OUTCOMES_WITH_EXTENT: readonly Outcome[] = [
  'ARBETE',
  'STUDIER',
  'SJUKERSATTNING',
  'AKTIVITETSERSATTNING',
];

export const CASE_STATUSES = [
  'SUBMITTED',
  'RETURNED',
  'ACCEPTED',
  'DECIDED',
  'IN_COORDINATION',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** The statuses as an enum-like object: `CaseStatus.ACCEPTED`. */
export const CaseStatus: { readonly [K in CaseStatus]: K } = {
  SUBMITTED: 'SUBMITTED',
  RETURNED: 'RETURNED',
  ACCEPTED: 'ACCEPTED',
  DECIDED: 'DECIDED',
  IN_COORDINATION: 'IN_COORDINATION',
  CLOSED: 'CLOSED',
  WITHDRAWN: 'WITHDRAWN',
};

/**
 * Deadline facts the scheduler records with RecordDeadlineReached. RETENTION is an addition to the
 * brief's list: it lets the scheduler erase personal data on time through the same command.
 */
export const DEADLINE_KINDS = [
  'INSATS_DEADLINE',
  'FOLLOW_UP_3',
  'FOLLOW_UP_6',
  'FOLLOW_UP_9',
  'FOLLOW_UP_12',
  'POST_CLOSURE_FOLLOW_UP',
  'CONSENT_EXPIRED',
  'STAGNANT',
  'AGE_LIMIT',
  'RETENTION',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export function isCode<T extends string | number>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}
