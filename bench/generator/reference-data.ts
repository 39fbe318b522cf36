// Reference data
import type { Actor, IncomeSource, Outcome, Party, WorkSubtype } from '@app/case-domain';

export const SYSTEM: Actor = { sub: 'scheduler', roles: ['system'] };

export const CORE_INSATSER: readonly { code: string; name: string; party: Party; weight: number }[] = [
  { code: 'AMT-AF', name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN', weight: 10 },
  { code: 'ARBETSKONSULENT', name: 'Arbetskonsulent', party: 'KOMMUN', weight: 9 },
  { code: 'PSYKOLOG', name: 'Psykolog', party: 'REGION', weight: 5 },
  { code: 'ARBETSTERAPEUT', name: 'Arbetsterapeut', party: 'REGION', weight: 5 },
  { code: 'SIP-SAMORDNARE', name: 'SIP-samordnare', party: 'KOMMUN', weight: 3 },
  { code: 'FK-SAMORDNARE', name: 'Samordnare Försäkringskassan', party: 'FORSAKRINGSKASSAN', weight: 4 },
  { code: 'STUDIEVAGLEDARE', name: 'Studie- och yrkesvägledare', party: 'KOMMUN', weight: 3 },
  { code: 'IPS', name: 'IPS – individanpassat stöd till arbete', party: 'REGION', weight: 3 },
  { code: 'FYSIOTERAPEUT', name: 'Fysioterapeut', party: 'REGION', weight: 2 },
];

export const PROJECT_INSATSER: readonly { code: string; name: string; party: Party }[] = [
  { code: 'ENTER', name: 'Enter', party: 'KOMMUN' },
  { code: 'NOVA', name: 'NOVA', party: 'KOMMUN' },
  { code: 'FIA', name: 'FIA', party: 'KOMMUN' },
  { code: 'IT-SPARET', name: 'IT-spåret', party: 'ARBETSFORMEDLINGEN' },
  { code: 'KOLL-PA-FORMAGA', name: 'Koll på förmåga', party: 'REGION' },
  { code: 'STEGET-VIDARE', name: 'Steget vidare', party: 'KOMMUN' },
  { code: 'HALSOSPARET', name: 'Hälsospåret', party: 'REGION' },
  { code: 'KRAFTSAMLING', name: 'Kraftsamling', party: 'KOMMUN' },
  { code: 'VAGEN-FRAMAT', name: 'Vägen framåt', party: 'ARBETSFORMEDLINGEN' },
  { code: 'SPRAKSTOD', name: 'Språkstöd mot arbete', party: 'KOMMUN' },
];

export const UNITS: Record<Party, { code: string; name: string }[]> = {
  KOMMUN: [
    { code: 'EKB', name: 'Ekonomiskt bistånd' },
    { code: 'AMA', name: 'Arbetsmarknadsenheten' },
    { code: 'SOCPSYK', name: 'Socialpsykiatri' },
    { code: 'KAA', name: 'Kommunala aktivitetsansvaret' },
  ],
  REGION: [
    { code: 'VC', name: 'Vårdcentral' },
    { code: 'VUXPSYK', name: 'Vuxenpsykiatri' },
    { code: 'REHAB', name: 'Rehabkoordinator' },
  ],
  ARBETSFORMEDLINGEN: [
    { code: 'AF-LOKAL', name: 'Lokalkontor' },
    { code: 'AF-REHAB', name: 'Arbetslivsinriktad rehabilitering' },
  ],
  FORSAKRINGSKASSAN: [
    { code: 'FK-SJUK', name: 'Sjukförsäkring' },
    { code: 'FK-AKT', name: 'Aktivitetsersättning' },
  ],
};

export const INITIATING_PARTY: readonly (readonly [Party, number])[] = [
  ['KOMMUN', 45],
  ['ARBETSFORMEDLINGEN', 25],
  ['FORSAKRINGSKASSAN', 15],
  ['REGION', 15],
];

export const INCOME_BY_PARTY: Record<Party, readonly (readonly [IncomeSource, number])[]> = {
  KOMMUN: [
    ['FORSORJNINGSSTOD', 70],
    ['INGEN', 8],
    ['AKTIVITETSSTOD', 6],
    ['ETABLERINGSERSATTNING', 4],
    ['SJUKPENNING', 4],
    ['ARBETSLOSHETSERSATTNING', 3],
    ['OKAND', 5],
  ],
  ARBETSFORMEDLINGEN: [
    ['AKTIVITETSSTOD', 40],
    ['ARBETSLOSHETSERSATTNING', 20],
    ['UTVECKLINGSERSATTNING', 10],
    ['ETABLERINGSERSATTNING', 10],
    ['FORSORJNINGSSTOD', 15],
    ['OKAND', 5],
  ],
  FORSAKRINGSKASSAN: [
    ['SJUKPENNING', 45],
    ['AKTIVITETSERSATTNING', 25],
    ['SJUKPENNING_SARSKILDA_FALL', 10],
    ['SJUKERSATTNING', 10],
    ['INGEN', 10],
  ],
  REGION: [
    ['SJUKPENNING', 35],
    ['FORSORJNINGSSTOD', 30],
    ['AKTIVITETSERSATTNING', 10],
    ['INGEN', 15],
    ['OKAND', 10],
  ],
};

/** Case outcomes at closure (DOMAIN.md §5), as a förbund's yearly report would show them. */
export const CASE_OUTCOMES: readonly (readonly [Outcome, number])[] = [
  ['ARBETE', 20],
  ['STUDIER', 8],
  ['ARBETSSOKANDE', 12],
  ['ARBETSLIVSINRIKTAD_REHAB', 14],
  ['SJUKERSATTNING', 5],
  ['AKTIVITETSERSATTNING', 3],
  ['TRYGGHETSPENSION', 0.3],
  ['VARD_BEHANDLING', 9],
  ['ATER_REMITTENT', 11],
  ['SJUKDOM', 6],
  ['FLYTT', 3],
  ['AVBROTT', 7],
  ['ANNAT', 2],
];

export const WORK_SUBTYPES: readonly (readonly [WorkSubtype, number])[] = [
  ['OSUBVENTIONERAD', 35],
  ['LONEBIDRAG', 20],
  ['NYSTARTSJOBB', 15],
  ['INTRODUKTIONSJOBB', 10],
  ['SAMHALL', 8],
  ['KOMMUNAL_ANSTALLNING', 8],
  ['ANNAN_SUBVENTION', 4],
];

/** The step (1–6) the person ends near, by outcome (DOMAIN.md §7). */
export const FINAL_STEP: Record<Outcome, number> = {
  ARBETE: 6,
  STUDIER: 5.5,
  ARBETSSOKANDE: 4.5,
  ARBETSLIVSINRIKTAD_REHAB: 3.5,
  SJUKERSATTNING: 1.5,
  AKTIVITETSERSATTNING: 2,
  TRYGGHETSPENSION: 1.5,
  VARD_BEHANDLING: 2,
  ATER_REMITTENT: 3,
  SJUKDOM: 1.5,
  FLYTT: 3,
  AVBROTT: 2.5,
  SAMTYCKE_ATERKALLAT: 2.5,
  ANNAT: 3,
};

export const INCOME_AFTER: Partial<Record<Outcome, IncomeSource>> = {
  ARBETE: 'LON',
  STUDIER: 'STUDIEMEDEL',
  SJUKERSATTNING: 'SJUKERSATTNING',
  AKTIVITETSERSATTNING: 'AKTIVITETSERSATTNING',
  ARBETSSOKANDE: 'AKTIVITETSSTOD',
};

export const WEEKDAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'] as const;
