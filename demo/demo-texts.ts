// The demo torg's personal data: fictitious persons and the free text caseworkers write about
// them. Everything here is made up; it is sealed with each person's key before it is written.
import { createHash } from 'node:crypto';
import type { Gender, IncomeSource, Party, TargetGroup } from '@app/case-domain';
import { luhnCheckDigit } from '@app/security';
import { Rng, mulberry32 } from '../bench/generator/rng';

/** A generator of its own for one piece of text, so that a text does not depend on what was written before it. */
export function rngFor(key: string): Rng {
  return new Rng(mulberry32(createHash('sha256').update(key).digest().readUInt32LE(0)));
}

const WOMEN = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Emma',
  'Linnea',
  'Elin',
  'Johanna',
  'Fatima',
  'Amina',
  'Hanna',
  'Ida',
  'Malin',
  'Jenny',
  'Sofia',
  'Ebba',
  'Nora',
  'Leila',
  'Zeynep',
  'Aisha',
  'Lovisa',
  'Camilla',
  'Therese',
];
const MEN = [
  'Erik',
  'Lars',
  'Mikael',
  'Johan',
  'Anders',
  'Ali',
  'Mohammed',
  'Oskar',
  'Viktor',
  'Filip',
  'Daniel',
  'Jonas',
  'Ahmad',
  'Omar',
  'Emil',
  'Simon',
  'Marcus',
  'Robin',
  'Hassan',
  'Niklas',
  'Patrik',
  'Kevin',
  'Alexander',
  'Tobias',
];
const OTHER = ['Kim', 'Robin', 'Alex', 'Sam', 'Charlie', 'Eli'];
const SURNAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Lindberg',
  'Lindström',
  'Axelsson',
  'Berglund',
  'Sandberg',
  'Lund',
  'Hussein',
  'Ali',
  'Mohammed',
  'Ahmadi',
  'Yilmaz',
  'Nguyen',
  'Hassan',
  'Abdi',
  'Korhonen',
  'Nowak',
  'Hedlund',
  'Forsberg',
  'Sjögren',
  'Engström',
  'Blom',
  'Holm',
  'Wikström',
  'Isaksson',
  'Fransson',
  'Strand',
];

export interface DemoPerson {
  name: string;
  firstName: string;
  /** Twelve digits, as the API seals it. */
  personnummer: string;
}

/**
 * A person of the fictitious series: born on `birthDate`, with a birth number from 980 to 999
 * (the numbers Skatteverket keeps for test persons, never given to anyone) and a valid check
 * digit; the birth number's last digit is odd for men, even for women, as in real numbers.
 */
export function demoPerson(seed: string, gender: Gender, birthDate: string, taken: Set<string>): DemoPerson {
  const r = rngFor(`person:${seed}`);
  const firstName = r.pick(gender === 'KVINNA' ? WOMEN : gender === 'MAN' ? MEN : OTHER);
  const name = `${firstName} ${r.pick(SURNAMES)}`;
  const ymd = birthDate.replace(/-/g, '');
  for (let attempt = 0; ; attempt++) {
    let serial = r.int(980, 999);
    if (gender === 'KVINNA' && serial % 2 === 1) serial -= 1;
    if (gender === 'MAN' && serial % 2 === 0) serial += serial === 998 ? -1 : 1;
    const nine = `${ymd.slice(2)}${serial}`;
    const pnr = `${ymd}${serial}${luhnCheckDigit(nine)}`;
    if (!taken.has(pnr) || attempt > 40) {
      taken.add(pnr);
      return { name, firstName, personnummer: pnr };
    }
  }
}

export interface CaseFacts {
  firstName: string;
  initiatingParty: Party;
  incomeSource: IncomeSource;
  targetGroups: TargetGroup[];
}

const QUESTIONS = [
  (f: CaseFacts) =>
    `Hur kan ${f.firstName} komma närmare arbete eller studier, och vilken part bör driva ärendet?`,
  (f: CaseFacts) => `Vilket samordnat stöd behöver ${f.firstName} för att klara en arbetsträning?`,
  (f: CaseFacts) => `Har ${f.firstName} rätt försörjning, och vad krävs för att pröva arbetsförmågan?`,
  (f: CaseFacts) => `Kan ${f.firstName} ta del av en AMT-insats parallellt med pågående vårdkontakt?`,
  (f: CaseFacts) =>
    `Hur samordnar vi kommunens, regionens och Arbetsförmedlingens stöd kring ${f.firstName}?`,
];

const NEEDS_BY_INCOME: Partial<Record<IncomeSource, string[]>> = {
  FORSORJNINGSSTOD: [
    'Långvarigt ekonomiskt bistånd. Har inte varit i arbete på flera år och saknar kontakt med Arbetsförmedlingen.',
    'Ekonomiskt bistånd sedan två år. Beskriver nedstämdhet och sömnproblem som hinder för att söka arbete.',
  ],
  SJUKPENNING: [
    'Sjukskriven på heltid, anställning avslutad. Rehabkoordinator bedömer att en gradvis återgång kan prövas.',
    'Sjukpenning med dagar kvar till prövning mot hela arbetsmarknaden. Behöver en plan innan dess.',
  ],
  SJUKPENNING_SARSKILDA_FALL: [
    'Sjukpenning i särskilda fall. Oklar arbetsförmåga; behöver en samlad bedömning.',
  ],
  AKTIVITETSERSATTNING: [
    'Aktivitetsersättning sedan tre år. Vill pröva praktik men behöver stöd med struktur och resor.',
    'Ung med aktivitetsersättning och diagnos inom autismspektrat. Önskar studier på folkhögskola.',
  ],
  SJUKERSATTNING: ['Partiell sjukersättning. Vill pröva arbete på den del som återstår.'],
  AKTIVITETSSTOD: [
    'Inskriven i program hos Arbetsförmedlingen utan att komma vidare. Behöver anpassat stöd.',
  ],
  ARBETSLOSHETSERSATTNING: ['A-kassan tar snart slut. Har fysiska besvär som begränsar tidigare yrke.'],
  ETABLERINGSERSATTNING: ['Nyanländ, i etableringsprogrammet. Behöver språkstöd och kontakt med vården.'],
  UTVECKLINGSERSATTNING: [
    'Ung i program hos Arbetsförmedlingen. Har avbrutit gymnasiet och saknar sammanhang.',
  ],
  INGEN: ['Försörjs av familjen. Har varit hemma länge och saknar kontakt med myndigheter utöver vården.'],
};
const NEEDS_BY_GROUP: Partial<Record<TargetGroup, string>> = {
  UTRIKES_FODD: 'Behöver tolk vid möten.',
  FUNKTIONSNEDSATTNING: 'Har en funktionsnedsättning som kräver anpassning av arbetsplats och tempo.',
  HEMMASITTARE: 'Har varit hemmasittare sedan högstadiet.',
  KAA: 'Ingår i det kommunala aktivitetsansvaret.',
  SJUKSKRIVEN_ARBETSLOS: 'Sjukskriven utan anställning att återgå till.',
  LANGTIDSBIDRAGSTAGARE: 'Långtidsbidragstagare.',
};
const NEEDS_PLAN = [
  'Behöver arbetsförmedlare på AMT och samtalsstöd.',
  'Behöver en arbetsförmågebedömning och stöd av arbetskonsulent.',
  'Behöver samordning mellan psykiatrin och socialtjänsten, och på sikt en arbetsträning.',
  'Behöver studie- och yrkesvägledning och stöd att komma igång med en daglig struktur.',
];

export function question(f: CaseFacts, key: string): string {
  return rngFor(key).pick(QUESTIONS)(f);
}

export function needs(f: CaseFacts, key: string): string {
  const r = rngFor(key);
  const parts = [r.pick(NEEDS_BY_INCOME[f.incomeSource] ?? ['Oklar försörjning; behöver kartläggas.'])];
  for (const g of f.targetGroups) if (NEEDS_BY_GROUP[g] && r.chance(0.7)) parts.push(NEEDS_BY_GROUP[g]!);
  parts.push(r.pick(NEEDS_PLAN));
  return parts.join(' ');
}

const DOC_SYSTEM: Record<Party, string> = {
  KOMMUN: 'Treserva',
  REGION: 'Cosmic',
  ARBETSFORMEDLINGEN: 'AIS',
  FORSAKRINGSKASSAN: 'ÄHS',
};

export function documentRef(party: Party, key: string): string {
  return `Samtycke arkiverat i ${DOC_SYSTEM[party]}, dnr ${rngFor(key).int(1000, 9999)}-${rngFor(`${key}:y`).int(24, 26)}`;
}

const TEXTS: Record<string, string[]> = {
  'CaseReturned.reason': [
    'Behovsanalysen saknas. Komplettera med vilka parter som redan är inblandade.',
    'Samtycket omfattar inte regionen, som frågeställningen gäller. Inhämta nytt samtycke.',
    'Frågeställningen är otydlig: vad vill ni att beredningsgruppen tar ställning till?',
  ],
  'CaseResubmitted.question': [
    'Kompletterad frågeställning: vilken part bör vara ärendebärare, och vilken insats först?',
  ],
  'CaseResubmitted.needs': ['Kompletterad behovsanalys efter trepartssamtal med vårdcentralen.'],
  'DecisionRecorded.recommendation': [
    'Fortsatt stöd hos initierande part. Kontakta vuxenpsykiatrin för en bedömning först.',
    'Behovet kan tillgodoses inom ordinarie verksamhet hos Arbetsförmedlingen.',
    'Återkom när den medicinska utredningen är klar.',
  ],
  'OwnershipHandedOver.reason': [
    'Ordinarie handläggare har bytt tjänst.',
    'Arbetsförmedlingen tar över när arbetsträningen börjar.',
    'Föräldraledighet; kollega tar över.',
  ],
  'SipCancelled.reason': [
    'Personen är sjuk och har bett att få skjuta på mötet.',
    'Regionen kunde inte delta.',
  ],
  'SipHeld.goal': [
    'Komma igång med en daglig sysselsättning tre dagar i veckan.',
    'Få en stabil behandlingskontakt och sova bättre.',
    'Pröva arbetsträning inom handeln.',
    'Få klarhet i rätt försörjning.',
  ],
  'SipHeld.action': [
    'Arbetskonsulent följer med till första dagen på praktikplatsen.',
    'Vårdcentralen bokar läkarbesök och gör en funktionsbeskrivning.',
    'Socialtjänsten beviljar boendestöd två gånger i veckan.',
    'Arbetsförmedlingen skriver in i rätt program.',
  ],
  'FollowUpRecorded.notes': [
    'Deltar regelbundet, har ökat till 50 procent.',
    'Har haft en period av ökad ångest; insatsen pausad i två veckor.',
    'Trivs på praktikplatsen, arbetsgivaren ser möjlighet till lönebidrag.',
    'Svårt att hålla tider. Vi ses oftare den närmaste månaden.',
  ],
  'InsatsEnded.otherReason': ['Insatsen avslutades när projektet upphörde.'],
  'CaseClosed.otherReason': ['Personen har fått stöd genom annan verksamhet.'],
  'CaseReopened.reason': [
    'Anställningen upphörde efter provanställningen; personen vill ha stöd igen.',
    'Ny sjukskrivning; vården och Försäkringskassan ber om samordning.',
  ],
};

/** The free text of `field` in an event of type `type`. */
export function freeText(type: string, field: string, key: string): string {
  const list = TEXTS[`${type}.${field}`];
  return list ? rngFor(key).pick(list) : 'Anteckning i demodata.';
}
