// Requests: persons, initiations, case work
import { createSecretKey } from 'node:crypto';
import type { Party, Role } from '@app/case-domain';
import { luhnCheckDigit, signDevToken } from '@app/security';
import { SECRETS } from './api';
import { ApiClient, ok, result } from './client';
import { TENANT, today, addDays } from './config';
import type { StepResult } from './load';

/**
 * A synthetic personnummer per initiation, never repeated in a run (for up to 320,000 persons):
 * birth dates 1962–2005, birth numbers 980–999, with a valid Luhn check digit.
 */
export class PersonnummerSource {
  private static readonly FROM = Date.UTC(1962, 0, 1);
  private static readonly DAYS = 16_000;
  private n = 0;

  next(): { personnummer: string; gender: 'KVINNA' | 'MAN' } {
    const i = this.n++;
    const birth = new Date(PersonnummerSource.FROM + (i % PersonnummerSource.DAYS) * 86_400_000);
    const serial = String(980 + (Math.floor(i / PersonnummerSource.DAYS) % 20));
    const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
    const check = luhnCheckDigit(`${ymd.slice(2)}${serial}`);
    // The birth number's last digit is odd for men.
    return {
      personnummer: `${ymd}-${serial}${check}`,
      gender: Number(serial[2]) % 2 === 1 ? 'MAN' : 'KVINNA',
    };
  }
}

const FIRST_NAMES = ['Alva', 'Elias', 'Maja', 'Noah', 'Saga', 'Omar', 'Ella', 'Liam', 'Nora', 'Hugo'];
const LAST_NAMES = ['Lindqvist', 'Haddad', 'Berg', 'Nyström', 'Ali', 'Holm', 'Sandberg', 'Ek'];
const INCOME_SOURCES = [
  'FORSORJNINGSSTOD',
  'SJUKPENNING',
  'AKTIVITETSERSATTNING',
  'ARBETSLOSHETSERSATTNING',
  'INGEN',
];
const TARGET_GROUPS = [
  'LANGTIDSBIDRAGSTAGARE',
  'SJUKSKRIVEN_ARBETSLOS',
  'UTRIKES_FODD',
  'FUNKTIONSNEDSATTNING',
  'UNG_EJ_ETABLERAD',
];
export const CATALOGUE: Record<string, { name: string; party: Party }> = {
  AMT_AF: { name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' },
  PSYKOLOG: { name: 'Psykolog', party: 'REGION' },
  ARBETSKONSULENT: { name: 'Arbetskonsulent', party: 'KOMMUN' },
};
const INSATS_END_REASONS = [
  { reason: 'ARBETSLIVSINRIKTAD_REHAB' },
  { reason: 'STUDIER', extentPercent: 100 },
  { reason: 'ARBETE', subtype: 'LONEBIDRAG', extentPercent: 75 },
  { reason: 'VARD_BEHANDLING' },
];

export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

/** A kommun socialsekreterare's initiation, as fixtures.ts has it, for a new person each time. */
export function initiationBody(persons: PersonnummerSource, rnd: () => number, initiatedOn: string) {
  const person = persons.next();
  return {
    person: { ...person, name: `${pick(rnd, FIRST_NAMES)} ${pick(rnd, LAST_NAMES)}` },
    consent: {
      givenBy: 'PERSON',
      givenOn: addDays(initiatedOn, -3),
      form: 'SKRIFTLIG',
      documentRef: `Dok ${Math.floor(rnd() * 100_000)}`,
      scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN', 'REGION'],
    },
    initiatingParty: 'KOMMUN',
    initiatingUnit: 'EKONOMISKT_BISTAND',
    otherParties: ['ARBETSFORMEDLINGEN', 'REGION'],
    question: 'Hur kan personen komma närmare arbete eller studier med stöd från flera parter?',
    needs: 'Behöver stöd från en arbetsförmedlare på AMT och kontakt med psykiatrin kring sin ångest.',
    incomeSource: pick(rnd, INCOME_SOURCES),
    targetGroups: [pick(rnd, TARGET_GROUPS)],
    initiatedOn,
  };
}

export interface Tokens {
  admin: string;
  processledare: string;
  /** A socialsekreterare at the kommun: initiates, requests and books SIPs, records follow-ups, reads. */
  kommun: string;
  /** An arbetsförmedlare on the torg: starts and ends insatser. */
  af: string;
}

export async function tokens(): Promise<Tokens> {
  // The same key the API is started with (JWT_DEV_SECRET), as the token CLI would use it.
  const secret = createSecretKey(Buffer.from(SECRETS.jwtDevSecret, 'utf8'));
  const sign = (roles: Role[], sub: string, party?: Party) =>
    signDevToken({ tenant: TENANT, roles, sub, ...(party ? { party } : {}), expiresIn: '12h' }, secret);
  return {
    admin: await sign(['admin'], 'bench-admin'),
    processledare: await sign(['processledare'], 'bench-pl'),
    kommun: await sign(['handlaggare'], 'bench-soc', 'KOMMUN'),
    af: await sign(['handlaggare'], 'bench-af', 'ARBETSFORMEDLINGEN'),
  };
}

/** What the bench knows about a case it works on, so every command fits the case's state. */
export interface WorkedCase {
  id: string;
  openInsatser: string[];
  requestedSips: string[];
  followUps: number;
}

const FOLLOW_UP_MONTHS = [3, 6, 9, 12];

/** Follow-ups the case can still take (one for each month). */
export const followUpsLeft = (c: WorkedCase) => FOLLOW_UP_MONTHS.length - c.followUps;

/** The case's next follow-up, recorded by the kommun's socialsekreterare. */
export async function followUp(
  api: ApiClient,
  t: Tokens,
  c: WorkedCase,
  rnd: () => number,
): Promise<StepResult> {
  const r = await api.send(
    'POST',
    `/api/v1/cases/${c.id}/follow-ups`,
    t.kommun,
    {
      month: FOLLOW_UP_MONTHS[c.followUps],
      recordedOn: today,
      incomeSource: pick(rnd, INCOME_SOURCES),
      step: 1 + Math.floor(rnd() * 6),
      vas: Math.floor(rnd() * 101),
      notes: 'Deltar i arbetsträning tre dagar i veckan, trivs och vill öka tiden.',
    },
    false,
  );
  if (ok(r)) c.followUps++;
  return result('follow-up', r);
}

type Update = 'follow-up' | 'insats-start' | 'insats-end' | 'sip-request' | 'sip-booking';

function possibleUpdates(c: WorkedCase): Update[] {
  const out: Update[] = [];
  if (c.followUps < FOLLOW_UP_MONTHS.length) out.push('follow-up');
  if (c.openInsatser.length < 3) out.push('insats-start');
  if (c.openInsatser.length > 0) out.push('insats-end');
  if (c.requestedSips.length < 2) out.push('sip-request');
  if (c.requestedSips.length > 0) out.push('sip-booking');
  return out;
}

/** One update of a case, valid for its state; the case's client-side state follows a success. */
export async function update(
  api: ApiClient,
  t: Tokens,
  c: WorkedCase,
  rnd: () => number,
): Promise<StepResult> {
  const op = pick(rnd, possibleUpdates(c));
  const base = `/api/v1/cases/${c.id}`;
  switch (op) {
    case 'follow-up':
      return followUp(api, t, c, rnd);
    case 'insats-start': {
      const r = await api.send('POST', `${base}/insatser`, t.af, {
        insatsCode: pick(rnd, Object.keys(CATALOGUE)),
        startedOn: today,
        step: 1 + Math.floor(rnd() * 4),
        vas: Math.floor(rnd() * 101),
      });
      if (ok(r)) c.openInsatser.push(r.body.insatsId);
      return result(op, r);
    }
    case 'insats-end': {
      const insatsId = c.openInsatser[0];
      const r = await api.send(
        'POST',
        `${base}/insatser/${insatsId}/end`,
        t.af,
        {
          endedOn: today,
          ...pick(rnd, INSATS_END_REASONS),
        },
        false,
      );
      if (ok(r)) c.openInsatser.shift();
      return result(op, r);
    }
    case 'sip-request': {
      const r = await api.send('POST', `${base}/sips`, t.kommun, {
        initiatorRole: 'SOCIALSEKRETERARE',
        kind: rnd() < 0.7 ? 'FORSTA' : 'UPPFOLJNING',
        formote: rnd() < 0.5,
        requestedOn: today,
      });
      if (ok(r)) c.requestedSips.push(r.body.sipId);
      return result(op, r);
    }
    case 'sip-booking': {
      const sipId = c.requestedSips[0];
      const r = await api.send(
        'POST',
        `${base}/sips/${sipId}/booking`,
        t.kommun,
        {
          date: addDays(today, 14),
          parties: ['KOMMUN', 'REGION'],
          leader: 'KOMMUN',
          documenter: 'REGION',
          externalRef: `Cosmic ${Math.floor(rnd() * 1_000_000)}`,
        },
        false,
      );
      if (ok(r)) c.requestedSips.shift();
      return result(op, r);
    }
  }
}
