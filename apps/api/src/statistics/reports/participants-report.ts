import {
  ARBETE_ELLER_STUDIER,
  type Cell,
  type CountedParticipantsReport,
  OUTCOME_KEYS,
  type Published,
} from '@app/read-models';
import {
  type ReportColumn,
  type ReportDefinition,
  type ReportDocument,
  type ReportRow,
  periodLabel,
} from './report-document';

// The förbund's participants report (docs/statistics.md §22): the table per insats boards get in
// the delårsrapport and the annual report — kvinnor, män, varav nya, avslutade, utfall, arbete eller
// studier — built from the participants answer (§1–§5), with the comparison period beside it.

type Body = Published<CountedParticipantsReport & { compare?: CountedParticipantsReport }>;
type Figures = Body['rows'][number];
type TotalFigures = Body['total'];

const OUTCOME_LABELS: Record<string, string> = {
  ARBETE: 'Arbete',
  STUDIER: 'Studier',
  ARBETSSOKANDE: 'Arbetssökande',
  ARBETSLIVSINRIKTAD_REHAB: 'Arbetslivsinriktad rehabilitering',
  SJUKERSATTNING: 'Sjukersättning',
  AKTIVITETSERSATTNING: 'Aktivitetsersättning',
  TRYGGHETSPENSION: 'Garantipension',
  VARD_BEHANDLING: 'Vård / behandling',
  ATER_REMITTENT: 'Åter till remittent',
  SJUKDOM: 'Sjukdom',
  FLYTT: 'Flytt',
  AVBROTT: 'Avbrott',
  SAMTYCKE_ATERKALLAT: 'Samtycke återkallat',
  ANNAT: 'Annat skäl',
  [ARBETE_ELLER_STUDIER]: 'Arbete eller studier',
};

export const PARTICIPANTS_DEFINITIONS: ReportDefinition[] = [
  {
    key: 'participants',
    term: 'Deltagare',
    text: 'Personer med insatsen aktiv minst en dag under perioden. En person räknas en gång per insats.',
    section: '§1',
  },
  { key: 'new', term: 'Varav nya', text: 'Deltagare som började insatsen under perioden.', section: '§2' },
  {
    key: 'ended',
    term: 'Avslutade',
    text:
      'Deltagare vars insats avslutades under perioden med ett utfall, på egen hand eller när ärendet ' +
      'avslutades. Avslutade är summan av utfallen.',
    section: '§3',
  },
  {
    key: 'outcomes',
    term: 'Utfall',
    text:
      'Skälet vid deltagarens sista avslut av insatsen under perioden. Arbete eller studier är Arbete och ' +
      'Studier tillsammans.',
    section: '§3',
  },
  {
    key: 'share',
    term: 'Andel arbete eller studier',
    text:
      'Arbete eller studier delat med avslutade, räknat av tjänsten på de exakta talen och avrundat till en ' +
      'tiondels procent. – utan avslutade, och för chefer där ett litet tal annars skulle kunna räknas fram.',
    section: '§22',
  },
  {
    key: 'volume',
    term: 'Volyminsatser',
    text: 'Konsultationer utan person, registrerade på insatsen med ett datum i perioden.',
    section: '§4',
  },
  {
    key: 'total',
    term: 'Totalt (radsumma)',
    text: 'Summan av raderna: en person i två insatser räknas två gånger, som i förbundens rapporter.',
    section: '§5',
  },
  {
    key: 'unique',
    term: 'Unika personer',
    text: 'Varje person som deltog i någon insats under perioden, en gång.',
    section: '§5',
  },
];

const MASKED_NOTES = [
  '<5 betyder 1–4 personer: små tal visas inte, så att ingen enskild person kan pekas ut (§14).',
  '– betyder att talet är 5 eller fler men inte visas, eftersom ett tal under 5 annars skulle kunna räknas fram ur de andra (§14).',
];
const PLAIN_NOTE =
  'Rapporten visar exakta tal, även små (1–4). Den som sprider den utanför verksamheten tar ut den som chef, med små tal dolda (§14).';

const PARTICIPANT_COLUMNS: ReportColumn[] = [
  { key: 'kvinna', label: 'Kvinnor', kind: 'count', definition: 'participants' },
  { key: 'man', label: 'Män', kind: 'count', definition: 'participants' },
  { key: 'annat', label: 'Annat / ej svar', kind: 'count', definition: 'participants' },
  { key: 'participants', label: 'Deltagare', kind: 'count', definition: 'participants' },
  { key: 'new', label: 'Varav nya', kind: 'count', definition: 'new' },
  { key: 'ended', label: 'Avslutade', kind: 'count', definition: 'ended' },
  { key: 'volume', label: 'Volyminsatser', kind: 'count', definition: 'volume' },
];

function participantValues(f: Figures | TotalFigures): Record<string, Cell> {
  return {
    kvinna: f.participants.kvinna,
    man: f.participants.man,
    annat: f.participants.annat,
    participants: f.participants.total,
    new: f.new.total,
    ended: f.ended.total,
    volume: f.volume,
  };
}

function outcomeValues(f: Figures | TotalFigures): Record<string, Cell> {
  const out: Record<string, Cell> = { ended: f.ended.total };
  for (const code of OUTCOME_KEYS) out[code] = f.outcomes[code].total;
  out.workOrStudiesShare = f.workOrStudiesShare;
  return out;
}

/**
 * Rows of the period with the comparison period's beside them, paired by code. An insats with activity
 * in one of the periods only has zeros in the other (no participant, no consultation).
 */
function paired(
  body: Body,
  values: (f: Figures | TotalFigures) => Record<string, Cell>,
  withUnique: boolean,
): ReportRow[] {
  const rowsOf = (b: Omit<Body, 'compare'>): ReportRow[] => [
    ...b.rows.map((r) => ({ code: r.insatsCode, label: r.name, values: values(r) })),
    { code: 'TOTAL', label: 'Totalt (radsumma)', values: values(b.total) },
    ...(withUnique
      ? [
          {
            code: 'UNIQUE',
            label: 'Unika personer',
            values: {
              kvinna: b.unique.participants.kvinna,
              man: b.unique.participants.man,
              annat: b.unique.participants.annat,
              participants: b.unique.participants.total,
            },
          },
        ]
      : []),
  ];
  const main = rowsOf(body);
  if (!body.compare) return main;
  const second = rowsOf(body.compare);
  const byCode = new Map(second.map((r) => [r.code, r]));
  const codes = new Set(main.map((r) => r.code));
  // An insats with activity in the comparison period only keeps its row, with nothing in this one.
  const onlyThen = second.filter((r) => !codes.has(r.code));
  const zeros = (v: Record<string, Cell>) =>
    Object.fromEntries(Object.keys(v).map((k) => [k, k === 'workOrStudiesShare' ? null : 0]));
  const rows = [
    ...main.filter((r) => r.code !== 'TOTAL' && r.code !== 'UNIQUE'),
    ...onlyThen.map((r) => ({ ...r, values: zeros(r.values) })),
  ];
  const ends = main.filter((r) => r.code === 'TOTAL' || r.code === 'UNIQUE');
  return [...rows, ...ends].map((r) => ({ ...r, compare: byCode.get(r.code)?.values ?? zeros(r.values) }));
}

/** Only the outcome columns some row has an end under (in either period), and always arbete, studier and their sum. */
function outcomeColumns(rows: ReportRow[]): ReportColumn[] {
  const used = (code: string) =>
    ['ARBETE', 'STUDIER', ARBETE_ELLER_STUDIER].includes(code) ||
    rows.some((r) => [r.values[code], r.compare?.[code]].some((v) => v !== 0 && v !== undefined));
  return [
    { key: 'ended', label: 'Avslutade', kind: 'count', definition: 'ended' },
    ...OUTCOME_KEYS.filter(used).map((code): ReportColumn => ({
      key: code,
      label: OUTCOME_LABELS[code],
      kind: 'count',
      definition: 'outcomes',
    })),
    { key: 'workOrStudiesShare', label: 'Andel arbete eller studier', kind: 'share', definition: 'share' },
  ];
}

export function participantsReportDocument(body: Body, tenant: string, masked: boolean): ReportDocument {
  const outcomeRows = paired(body, outcomeValues, false);
  return {
    title: 'Deltagare och utfall per insats',
    tenant,
    period: { from: body.from, to: body.to, label: periodLabel(body.from, body.to) },
    ...(body.compare
      ? {
          compare: {
            from: body.compare.from,
            to: body.compare.to,
            label: periodLabel(body.compare.from, body.compare.to),
          },
        }
      : {}),
    masked,
    tables: [
      {
        key: 'participants',
        title: 'Deltagare per insats',
        columns: PARTICIPANT_COLUMNS,
        rows: paired(body, participantValues, true),
      },
      {
        key: 'outcomes',
        title: 'Avslutade och utfall per insats',
        columns: outcomeColumns(outcomeRows),
        rows: outcomeRows,
      },
    ],
    definitions: PARTICIPANTS_DEFINITIONS,
    notes: masked ? MASKED_NOTES : [PLAIN_NOTE],
  };
}
