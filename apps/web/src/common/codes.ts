/** Code lists the screens offer and order by (DOMAIN.md §5, §6); the API checks them again. */
export const PARTIES = ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN', 'FORSAKRINGSKASSAN'] as const;
export type Party = (typeof PARTIES)[number];

/** The outcome codes in the order of DOMAIN.md §5. */
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
