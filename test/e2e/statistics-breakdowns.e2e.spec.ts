import type { Response } from 'supertest';
import { AGE_BANDS, INCOME_SOURCES, OUTCOMES, PARTIES, TARGET_GROUPS } from '@app/case-domain';
import { startTestApp, type TestApp } from '../support/app';
import { personnummer } from '../support/deadlines';

// Breakdowns (?groupBy=, docs/statistics.md §16) and comparisons (?compareFrom&compareTo, §17) of
// the statistics over HTTP, the routes of §18–§21 (outcome details, the closing survey offered,
// beredning decisions, the caseload on a date), and the answers' OpenAPI schemas. Sixty persons are recorded through the
// API with business dates in 2022–2023 while the clock stands at 2024-01-15; every figure is checked
// against what was recorded, computed here from the definitions.

const NOW = '2024-01-15T10:00:00Z';
const TENANT = 'breakdowns';
type Gender = 'KVINNA' | 'MAN' | 'ANNAT_EJ_SVAR';
type Party = (typeof PARTIES)[number];
type Code = 'ENTER' | 'NOVA' | 'FIA';
const CODES: Code[] = ['ENTER', 'NOVA', 'FIA'];
const REASONS = ['ARBETE', 'STUDIER', 'SJUKDOM', 'ANNAT', 'ARBETSLIVSINRIKTAD_REHAB'] as const;
const OUTCOME_KEYS = [...OUTCOMES, 'ARBETE_ELLER_STUDIER'] as const;
const GROUP_BYS = ['ageBand', 'targetGroup', 'incomeSource', 'initiatingParty', 'providerParty'] as const;
type GroupBy = (typeof GROUP_BYS)[number];
const ROUTES = [
  'participants',
  'case-outcomes',
  'sips',
  'lead-times',
  'follow-ups',
  'initiating-parties',
  'progression',
  'closing-survey',
  'decisions',
  'outcome-details',
  'survey-offer',
  'caseload',
];

interface Period {
  code: Code;
  startedOn: string;
  /** The party providing it: the catalogue's party when it started. */
  provider: Party;
  end?: { on: string; reason: (typeof REASONS)[number] };
}

interface Person {
  gender: Gender;
  age: number;
  initiatedOn: string;
  party: Party;
  income: string;
  tags: string[];
  periods: Period[];
  /** Recorded after Enter moved from the kommun to the region in the catalogue. */
  late: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const AGES = [15, 17, 24, 35, 45, 55, 66, 22, 31];
const INCOMES = ['FORSORJNINGSSTOD', 'SJUKPENNING', 'AKTIVITETSERSATTNING', 'LON', 'OKAND'];
const TAGS = [[], ['UTRIKES_FODD'], ['UTRIKES_FODD', 'FUNKTIONSNEDSATTNING'], ['LANGTIDSBIDRAGSTAGARE']];

/** Forty persons initiated in 2023 and twenty in 2022 (still active in 2023 unless ended). */
function persons(): Person[] {
  return Array.from({ length: 60 }, (_, i) => {
    const year = i < 40 ? 2023 : 2022;
    const initiatedOn = `${year}-${pad(1 + (i % 6))}-05`;
    const late = i % 2 === 1 && i < 40;
    const startedOn = `${year}-${pad(1 + (i % 6))}-15`;
    const codes = CODES.filter((c) =>
      c === 'ENTER' ? i % 3 !== 2 : c === 'NOVA' ? i % 3 !== 0 : i % 7 === 0,
    );
    const periods = codes.map((code): Period => ({
      code,
      startedOn,
      provider:
        code === 'ENTER' ? (late ? 'REGION' : 'KOMMUN') : code === 'NOVA' ? 'REGION' : 'ARBETSFORMEDLINGEN',
      ...(i % 4 === 1 && code !== 'FIA'
        ? { end: { on: `${year}-${pad(7 + (i % 5))}-15`, reason: REASONS[(i >> 2) % 5] } }
        : {}),
    }));
    return {
      gender: (i % 5 === 4 ? 'ANNAT_EJ_SVAR' : i % 2 ? 'KVINNA' : 'MAN') as Gender,
      age: AGES[i % 9],
      initiatedOn,
      party: PARTIES[i % 4],
      income: INCOMES[(i * 7) % 5],
      tags: TAGS[(i >> 1) % 4],
      periods,
      late,
    };
  });
}

type Split = { total: number; kvinna: number; man: number; annat: number };
type Figures = { participants: Split; new: Split; ended: Split; outcomes: Record<string, Split> };
const zero = (): Split => ({ total: 0, kvinna: 0, man: 0, annat: 0 });
const figures = (): Figures => ({
  participants: zero(),
  new: zero(),
  ended: zero(),
  outcomes: Object.fromEntries(OUTCOME_KEYS.map((k) => [k, zero()])),
});
const add = (s: Split, g: Gender) => {
  s.total++;
  s[g === 'KVINNA' ? 'kvinna' : g === 'MAN' ? 'man' : 'annat']++;
};

/** DOMAIN.md §6 at initiation, UNDER_16 below the bands (§16). */
function band(age: number): string {
  if (age < 16) return 'UNDER_16';
  return AGE_BANDS.find((b) => {
    const [lo, hi] = b.split(/[-+]/).map(Number);
    return age >= lo && (Number.isNaN(hi) || !hi || age <= hi);
  })!;
}

function groupCodes(by: GroupBy): string[] {
  if (by === 'ageBand') return ['UNDER_16', ...AGE_BANDS];
  if (by === 'targetGroup') return [...TARGET_GROUPS, 'NONE'];
  if (by === 'incomeSource') return [...INCOME_SOURCES];
  return [...PARTIES];
}

/** The groups a participation counts in (§16). */
function keysOf(by: GroupBy, p: Person, period: Period): string[] {
  switch (by) {
    case 'ageBand':
      return [band(p.age)];
    case 'targetGroup':
      return p.tags.length ? p.tags : ['NONE'];
    case 'incomeSource':
      return [p.income];
    case 'initiatingParty':
      return [p.party];
    case 'providerParty':
      return [period.provider];
  }
}

/**
 * The participants answer for a processledare, computed from what was recorded by the definitions:
 * §1 active on a day of the period, §2 started in it, §3 ended in it with its reason, §5 row sum and
 * unique persons, §16 the groups.
 */
function expectedParticipants(all: Person[], from: string, to: string, by?: GroupBy) {
  const rows = new Map<Code, Figures & { groups?: Record<string, Figures> }>();
  const total: Figures & { groups?: Record<string, Figures> } = figures();
  const unique = {
    participants: zero(),
    groups: undefined as Record<string, { participants: Split }> | undefined,
  };
  const emptyGroups = () => Object.fromEntries(groupCodes(by!).map((k) => [k, figures()]));
  if (by) {
    total.groups = emptyGroups();
    unique.groups = Object.fromEntries(groupCodes(by).map((k) => [k, { participants: zero() }]));
  }
  const count = (f: Figures, p: Person, period: Period) => {
    add(f.participants, p.gender);
    if (period.startedOn >= from) add(f.new, p.gender);
    const end = period.end;
    if (end && end.on >= from && end.on <= to) {
      add(f.ended, p.gender);
      add(f.outcomes[end.reason], p.gender);
      if (end.reason === 'ARBETE' || end.reason === 'STUDIER') add(f.outcomes.ARBETE_ELLER_STUDIER, p.gender);
    }
  };
  for (const p of all) {
    const active = p.periods.filter((x) => x.startedOn <= to && (!x.end || x.end.on >= from));
    if (active.length === 0) continue;
    add(unique.participants, p.gender);
    const uniqueKeys = new Set<string>();
    for (const period of active) {
      let row = rows.get(period.code);
      if (!row) rows.set(period.code, (row = { ...figures(), ...(by ? { groups: emptyGroups() } : {}) }));
      count(row, p, period);
      count(total, p, period);
      if (!by) continue;
      for (const key of keysOf(by, p, period)) {
        count(row.groups![key], p, period);
        count(total.groups![key], p, period);
        uniqueKeys.add(key);
      }
    }
    for (const key of uniqueKeys) add(unique.groups![key].participants, p.gender);
  }
  const volume = (code: Code) => (code === 'ENTER' && from <= '2023-03-14' && to >= '2023-03-14' ? 2 : 0);
  return {
    from,
    to,
    ...(by ? { groupBy: by } : {}),
    rows: CODES.filter((c) => rows.has(c)).map((code) => ({
      insatsCode: code,
      name: code,
      ...rows.get(code)!,
      volume: volume(code),
    })),
    total: { ...total, volume: CODES.reduce((n, c) => n + (rows.has(c) ? volume(c) : 0), 0) },
    unique: by ? unique : { participants: unique.participants },
  };
}

// ---- A reader trying to recover "<5" cells (docs/statistics.md §14) --------------------------------

type Cell = number | '<5' | null;
const BIG = 1_000_000;

interface Relations {
  sums: { total: string; parts: string[] }[];
  tags: { whole: string; parts: string[] }[];
  orders?: [string, string][];
}

/**
 * What a reader knows of a participants answer (at `at` in the body): every split adds up, the total
 * row is the sum of the rows, and the groups are their row's parts (or its tags: target groups; and
 * providing parties for unique persons).
 */
function participantsRelations(body: Record<string, unknown>, at: string, by: GroupBy): Relations {
  const counts = [...leaves(body, at.slice(0, -1)).keys()];
  const sums: Relations['sums'] = [];
  const tags: Relations['tags'] = [];
  for (const p of counts)
    if (p.endsWith('.kvinna')) {
      const s = p.slice(0, -'.kvinna'.length);
      sums.push({ total: `${s}.total`, parts: [`${s}.kvinna`, `${s}.man`, `${s}.annat`] });
    }
  const rows = (body.rows as unknown[]).map((_, i) => `${at}rows.${i}`);
  for (const p of counts)
    if (p.startsWith(`${at}total.`))
      sums.push({ total: p, parts: rows.map((r) => r + p.slice(`${at}total`.length)) });
  const splits = ['participants', 'new', 'ended', ...OUTCOME_KEYS.map((o) => `outcomes.${o}`)];
  const groupKeys = Object.keys((body.total as { groups: object }).groups);
  for (const line of [...rows, `${at}total`, `${at}unique`])
    for (const s of line.endsWith('unique') ? ['participants'] : splits)
      for (const g of ['total', 'kvinna', 'man', 'annat']) {
        const whole = `${line}.${s}.${g}`;
        const parts = groupKeys.map((k) => `${line}.groups.${k}.${s}.${g}`);
        const partition = by !== 'targetGroup' && !(by === 'providerParty' && line.endsWith('unique'));
        if (partition) sums.push({ total: whole, parts });
        else tags.push({ whole, parts });
      }
  return { sums, tags };
}

/**
 * Narrows every masked cell to the range the published forms and the relations a reader knows allow
 * ("<5" is 1–4, null is 5 or more; sums are exact, `atLeast` says a whole is at most the sum of its
 * tags and each tag at most the whole), until nothing changes. Returns the "<5" cells pinned to one value.
 */
function recoverable(cells: Map<string, Cell>, { sums, tags, orders = [] }: Relations): string[] {
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const [k, v] of cells) {
    lo.set(k, v === '<5' ? 1 : v === null ? 5 : v);
    hi.set(k, v === '<5' ? 4 : v === null ? BIG : v);
  }
  const tighten = (k: string, l: number, h: number) => {
    let changed = false;
    if (l > lo.get(k)!) {
      lo.set(k, l);
      changed = true;
    }
    if (h < hi.get(k)!) {
      hi.set(k, h);
      changed = true;
    }
    return changed;
  };
  const sumLo = (ks: string[]) => ks.reduce((n, k) => n + lo.get(k)!, 0);
  const sumHi = (ks: string[]) => ks.reduce((n, k) => Math.min(BIG, n + hi.get(k)!), 0);
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const { total, parts } of sums) {
      changed = tighten(total, sumLo(parts), sumHi(parts)) || changed;
      parts.forEach((p, i) => {
        const others = parts.filter((_, j) => j !== i);
        changed = tighten(p, lo.get(total)! - sumHi(others), hi.get(total)! - sumLo(others)) || changed;
      });
    }
    for (const [lower, upper] of orders) {
      changed = tighten(lower, 0, hi.get(upper)!) || changed;
      changed = tighten(upper, lo.get(lower)!, BIG) || changed;
    }
    for (const { whole, parts } of tags) {
      for (const p of parts) changed = tighten(p, 0, hi.get(whole)!) || changed;
      changed = tighten(whole, 0, sumHi(parts)) || changed;
      parts.forEach((p, i) => {
        const others = parts.filter((_, j) => j !== i);
        changed = tighten(p, lo.get(whole)! - sumHi(others), BIG) || changed;
      });
    }
  }
  return [...cells].filter(([k, v]) => v === '<5' && lo.get(k) === hi.get(k)).map(([k]) => k);
}

/**
 * The "<5" cells a reader pins down whatever else is withheld: every count but the zeros withheld,
 * the forms alone (four groups each "<5" under a "<5" of 4) give them away. No suppression can hide
 * them, and §14 (rule 4) leaves them be; a reader recovering anything else is a failure.
 */
function inherent(plain: Map<string, unknown>, relations: Relations): Set<string> {
  const everything = new Map<string, Cell>();
  for (const [path, n] of plain)
    if (typeof n === 'number') everything.set(path, n === 0 ? 0 : n <= 4 ? '<5' : null);
  return new Set(recoverable(everything, relations));
}

/** Every leaf of a body by its dotted path. */
function leaves(v: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  else out.set(path, v);
  return out;
}

// ---- The answers against their OpenAPI schemas -------------------------------------------------------

type Schema = Record<string, unknown>;

/** Where `value` breaks `schema` (OpenAPI 3.0: $ref, allOf, oneOf, nullable, type, enum, properties). */
function violations(value: unknown, schema: Schema, schemas: Record<string, Schema>, path = '$'): string[] {
  if (typeof schema.$ref === 'string')
    return violations(value, schemas[schema.$ref.split('/').pop()!], schemas, path);
  if (value === null) return schema.nullable ? [] : [`${path}: null`];
  const out: string[] = [];
  for (const s of (schema.allOf as Schema[] | undefined) ?? [])
    out.push(...violations(value, s, schemas, path));
  if (Array.isArray(schema.oneOf)) {
    const fits = (schema.oneOf as Schema[]).filter((s) => violations(value, s, schemas, path).length === 0);
    if (fits.length !== 1) out.push(`${path}: ${JSON.stringify(value)} fits ${fits.length} of oneOf`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    out.push(`${path}: ${String(value)} not in enum`);
  const type = schema.type;
  if (type === 'integer' && !Number.isInteger(value)) out.push(`${path}: not an integer`);
  if (type === 'number' && typeof value !== 'number') out.push(`${path}: not a number`);
  if (type === 'string' && typeof value !== 'string') out.push(`${path}: not a string`);
  if (type === 'boolean' && typeof value !== 'boolean') out.push(`${path}: not a boolean`);
  if (type === 'array') {
    if (!Array.isArray(value)) return [...out, `${path}: not an array`];
    value.forEach((x, i) => out.push(...violations(x, schema.items as Schema, schemas, `${path}[${i}]`)));
  }
  if (type === 'object' || schema.properties) {
    if (typeof value !== 'object' || Array.isArray(value)) return [...out, `${path}: not an object`];
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const record = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? [])
      if (!(key in record)) out.push(`${path}.${key}: missing`);
    for (const [key, x] of Object.entries(record)) {
      const s =
        props[key] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (s) out.push(...violations(x, s as Schema, schemas, `${path}.${key}`));
      else if (schema.additionalProperties !== true) out.push(`${path}.${key}: not in the schema`);
    }
  }
  return out;
}

describe('statistics breakdowns and comparisons over HTTP (docs/statistics.md §16, §17)', () => {
  let t: TestApp;
  const tokens = {} as Record<'admin' | 'pl' | 'manager' | Party, string>;
  const positions: number[] = [];
  const all = persons();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const minPosition = () => Math.max(0, ...positions);

  async function post(path: string, token: string, body: object, status = 200): Promise<Response> {
    const res = await t.http.post(path).set(auth(token)).send(body);
    if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    if (typeof res.body.position === 'number') positions.push(res.body.position);
    return res;
  }

  async function record(p: Person, serial: number): Promise<void> {
    const year = Number(p.initiatedOn.slice(0, 4));
    const birth = `${year - p.age}0102`;
    const res = await post(
      '/api/v1/cases',
      tokens[p.party],
      {
        person: { personnummer: personnummer(birth, serial), name: 'Test Testsson', gender: p.gender },
        consent: { givenBy: 'PERSON', givenOn: p.initiatedOn, form: 'SKRIFTLIG', scopeParties: [...PARTIES] },
        initiatingParty: p.party,
        otherParties: PARTIES.filter((x) => x !== p.party),
        question: 'Hur kommer personen närmare arbete?',
        needs: 'Samordnat stöd.',
        incomeSource: p.income,
        targetGroups: p.tags,
        initiatedOn: p.initiatedOn,
      },
      201,
    );
    const id = res.body.id;
    await post(`/api/v1/cases/${id}/accept`, tokens.pl, { acceptedOn: p.initiatedOn });
    for (const period of p.periods) {
      const started = await post(
        `/api/v1/cases/${id}/insatser`,
        tokens.pl,
        { insatsCode: period.code, startedOn: period.startedOn },
        201,
      );
      if (period.end) {
        await post(`/api/v1/cases/${id}/insatser/${started.body.insatsId}/end`, tokens.pl, {
          endedOn: period.end.on,
          reason: period.end.reason,
          ...(period.end.reason === 'ARBETE' ? { subtype: 'OSUBVENTIONERAD' } : {}),
          ...(period.end.reason === 'ANNAT' ? { otherReason: 'Flyttade' } : {}),
        });
      }
    }
  }

  async function catalogue(code: Code, party: Party) {
    await t.http
      .put(`/api/v1/admin/insatser/${code}`)
      .set(auth(tokens.admin))
      .send({ name: code, party })
      .expect(200);
  }

  async function inChunks<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<void> {
    for (let i = 0; i < items.length; i += 10) await Promise.all(items.slice(i, i + 10).map(fn));
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    tokens.admin = await t.token({ tenant: TENANT, roles: ['admin'], sub: 'admin-b' });
    tokens.pl = await t.token({ tenant: TENANT, roles: ['processledare'], sub: 'pl-b' });
    tokens.manager = await t.token({ tenant: TENANT, roles: ['manager'], sub: 'chef-b' });
    for (const party of PARTIES)
      tokens[party] = await t.token({ tenant: TENANT, roles: ['handlaggare'], party, sub: `h-${party}` });
    await catalogue('ENTER', 'KOMMUN');
    await catalogue('NOVA', 'REGION');
    await catalogue('FIA', 'ARBETSFORMEDLINGEN');
    const numbered = all.map((p, i) => ({ p, serial: i + 1 }));
    await inChunks(
      numbered.filter((x) => !x.p.late),
      (x) => record(x.p, x.serial),
    );
    // Enter moves to the region: the insatser started from now on are provided by it.
    await catalogue('ENTER', 'REGION');
    await inChunks(
      numbered.filter((x) => x.p.late),
      (x) => record(x.p, x.serial),
    );
    for (const heldOn of ['2023-03-14', '2023-03-14'])
      await post('/api/v1/consultations', tokens.pl, { insatsCode: 'ENTER', heldOn }, 201);
  }, 600_000);

  afterAll(async () => {
    await t?.close();
  });

  const get = (route: string, token: string, query: string) =>
    t.http.get(`/api/v1/statistics/${route}?${query}&minPosition=${minPosition()}`).set(auth(token));
  const YEAR = 'from=2023-01-01&to=2023-12-31';
  const LAST_YEAR = 'compareFrom=2022-01-01&compareTo=2022-12-31';

  it('gives, for every breakdown, exactly the groups of what was recorded on every row, on total and on unique (§16)', async () => {
    for (const by of GROUP_BYS) {
      const { body } = await get('participants', tokens.pl, `${YEAR}&groupBy=${by}`).expect(200);
      expect({ by, body }).toEqual({ by, body: expectedParticipants(all, '2023-01-01', '2023-12-31', by) });
    }
    // Without groupBy the answer is as before: no groups, no groupBy.
    const { body } = await get('participants', tokens.pl, YEAR).expect(200);
    expect(body).toEqual(expectedParticipants(all, '2023-01-01', '2023-12-31'));
  });

  it('puts persons under 16 and over 64 at initiation in their own labelled groups, never dropped (§16)', async () => {
    const { body } = await get('participants', tokens.pl, `${YEAR}&groupBy=ageBand`).expect(200);
    expect(Object.keys(body.unique.groups)).toEqual([
      'UNDER_16',
      '16-19',
      '20-29',
      '30-39',
      '40-49',
      '50-64',
      '65+',
    ]);
    const under16 = all.filter(
      (p) =>
        p.age < 16 &&
        p.periods.some((x) => x.startedOn <= '2023-12-31' && (!x.end || x.end.on >= '2023-01-01')),
    ).length;
    expect(under16).toBeGreaterThan(0);
    expect(body.unique.groups.UNDER_16.participants.total).toBe(under16);
    expect(body.unique.groups['65+'].participants.total).toBeGreaterThan(0);
  });

  it('partitions by age band, income source, initiating party and providing party: the groups add up to the row, the total and unique (§16)', async () => {
    for (const by of ['ageBand', 'incomeSource', 'initiatingParty', 'providerParty'] as const) {
      const { body } = await get('participants', tokens.pl, `${YEAR}&groupBy=${by}`).expect(200);
      for (const row of [...body.rows, body.total]) {
        const groups = Object.values(row.groups) as Figures[];
        for (const key of ['participants', 'new', 'ended'] as const)
          for (const g of ['total', 'kvinna', 'man', 'annat'] as const)
            expect({ by, key, g, sum: groups.reduce((n, x) => n + x[key][g], 0) }).toEqual({
              by,
              key,
              g,
              sum: row[key][g],
            });
        for (const o of OUTCOME_KEYS)
          expect({ by, o, sum: groups.reduce((n, x) => n + x.outcomes[o].total, 0) }).toEqual({
            by,
            o,
            sum: row.outcomes[o].total,
          });
      }
      const unique = Object.values(body.unique.groups) as { participants: Split }[];
      const sum = unique.reduce((n, x) => n + x.participants.total, 0);
      // A person counts once under each party that provided one of their insatser: a tag for unique.
      if (by === 'providerParty') expect(sum).toBeGreaterThan(body.unique.participants.total);
      else expect(sum).toBe(body.unique.participants.total);
    }
  });

  it('counts target groups as tags: a person in each of theirs, NONE without one, labelled so (§16)', async () => {
    const { body } = await get('participants', tokens.pl, `${YEAR}&groupBy=targetGroup`).expect(200);
    const sum = (Object.values(body.unique.groups) as { participants: Split }[]).reduce(
      (n, x) => n + x.participants.total,
      0,
    );
    const twoTags = all.filter(
      (p) =>
        p.tags.length === 2 &&
        p.periods.some((x) => x.startedOn <= '2023-12-31' && (!x.end || x.end.on >= '2023-01-01')),
    ).length;
    expect(sum).toBe(body.unique.participants.total + twoTags);
    expect(body.unique.groups.NONE.participants.total).toBeGreaterThan(0);
    const op = (await t.http.get('/api/docs-json').expect(200)).body.paths['/api/v1/statistics/participants']
      .get;
    expect(op.parameters.find((p: { name: string }) => p.name === 'groupBy').description).toMatch(/tags/);
  });

  it('adds compare, the same answer for the second period, on every statistics route (§17)', async () => {
    for (const route of ROUTES) {
      const { body } = await get(route, tokens.pl, `${YEAR}&${LAST_YEAR}`).expect(200);
      const { body: main } = await get(route, tokens.pl, YEAR).expect(200);
      const { body: second } = await get(route, tokens.pl, 'from=2022-01-01&to=2022-12-31').expect(200);
      expect({ route, body }).toEqual({ route, body: { ...main, compare: second } });
    }
    const { body } = await get(
      'participants',
      tokens.pl,
      `${YEAR}&${LAST_YEAR}&groupBy=initiatingParty`,
    ).expect(200);
    expect(body).toEqual({
      ...expectedParticipants(all, '2023-01-01', '2023-12-31', 'initiatingParty'),
      compare: expectedParticipants(all, '2022-01-01', '2022-12-31', 'initiatingParty'),
    });
    // The 2022 persons still in an insats are participants in both years, new only in 2022.
    expect(body.compare.total.new.total).toBeGreaterThan(0);
  });

  it('validates the comparison: both or neither, real dates, compareFrom on or before compareTo; 400 naming the field (§17)', async () => {
    const fields = async (query: string) => {
      const res = await get('case-outcomes', tokens.pl, query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields(`${YEAR}&compareFrom=2022-01-01`)).toEqual(['compareTo']);
    expect(await fields(`${YEAR}&compareTo=2022-12-31`)).toEqual(['compareFrom']);
    expect(await fields(`${YEAR}&compareFrom=2022-12-31&compareTo=2022-01-01`)).toEqual(['compareTo']);
    expect(await fields(`${YEAR}&compareFrom=2022-02-30&compareTo=2022-12-31`)).toEqual(['compareFrom']);
    const groupBy = await get('participants', tokens.pl, `${YEAR}&groupBy=gender`);
    expect(groupBy.status).toBe(400);
    expect(groupBy.body.errors.map((e: { field: string }) => e.field)).toEqual(['groupBy']);
  });

  it('masks the groups for a manager so that no "<5" comes back from the groups, the row, the total or unique (§14, §16)', async () => {
    for (const by of GROUP_BYS) {
      const { body } = await get('participants', tokens.manager, `${YEAR}&groupBy=${by}`).expect(200);
      const { body: plain } = await get('participants', tokens.pl, `${YEAR}&groupBy=${by}`).expect(200);
      const masked = leaves(body) as Map<string, Cell>;
      // Every cell agrees with the number behind it.
      for (const [path, n] of leaves(plain)) {
        if (typeof n !== 'number') continue;
        const c = masked.get(path);
        const agrees = c === '<5' ? n >= 1 && n <= 4 : c === null ? n >= 5 : c === n && !(n >= 1 && n <= 4);
        expect({ path, c, n, agrees }).toEqual({ path, c, n, agrees: true });
      }
      expect(JSON.stringify(body)).toContain('"<5"');
      // The relations a reader knows; every "<5" is tried against them.
      const counts = new Map([...masked].filter(([p]) => /\.(total|kvinna|man|annat)$|volume$/.test(p)));
      const relations = participantsRelations(body, '', by);
      const given = inherent(new Map([...leaves(plain)].filter(([p]) => counts.has(p))), relations);
      expect({ by, recovered: recoverable(counts, relations).filter((p) => !given.has(p)) }).toEqual({
        by,
        recovered: [],
      });
    }
  });

  it('masks both periods as one report: the same period twice gives the same cells, and no "<5" of one comes back from the other (§14, §17)', async () => {
    for (const route of ROUTES) {
      const { body } = await get(
        route,
        tokens.manager,
        `${YEAR}&compareFrom=2023-01-01&compareTo=2023-12-31`,
      ).expect(200);
      const { compare, ...main } = body;
      expect({ route, compare }).toEqual({ route, compare: main });
    }
    const { body } = await get('participants', tokens.manager, `${YEAR}&${LAST_YEAR}&groupBy=ageBand`).expect(
      200,
    );
    expect(JSON.stringify(body.compare)).toContain('"<5"');
    // The first half of 2023 inside 2023: a participant or a new one of the half is one of the year
    // too, so each such count of the half is at most its twin; try every "<5" of both against that.
    const nested = (
      await get(
        'participants',
        tokens.manager,
        `${YEAR}&compareFrom=2023-01-01&compareTo=2023-06-30&groupBy=ageBand`,
      ).expect(200)
    ).body;
    const cells = new Map(
      [...leaves(nested)].filter(([p]) => /\.(total|kvinna|man|annat)$|volume$/.test(p)),
    ) as Map<string, Cell>;
    const year = participantsRelations(nested, '', 'ageBand');
    const half = participantsRelations(nested.compare, 'compare.', 'ageBand');
    const inYear = [...cells.keys()].filter((p) => !p.startsWith('compare.'));
    const orders = inYear
      .filter(
        (p) => /(^|\.)(participants|new)\.(total|kvinna|man|annat)$/.test(p) && cells.has(`compare.${p}`),
      )
      .filter(
        (p) =>
          !p.startsWith('rows.') ||
          nested.rows[Number(p.split('.')[1])].insatsCode ===
            nested.compare.rows[Number(p.split('.')[1])]?.insatsCode,
      )
      .map((p): [string, string] => [`compare.${p}`, p]);
    expect(orders.length).toBeGreaterThan(0);
    const relations = { sums: [...year.sums, ...half.sums], tags: [], orders };
    const plain = (
      await get(
        'participants',
        tokens.pl,
        `${YEAR}&compareFrom=2023-01-01&compareTo=2023-06-30&groupBy=ageBand`,
      ).expect(200)
    ).body;
    const given = inherent(new Map([...leaves(plain)].filter(([p]) => cells.has(p))), relations);
    expect(recoverable(cells, relations).filter((p) => !given.has(p))).toEqual([]);
    expect(JSON.stringify(nested.compare)).toContain('"<5"');
  });

  it('answers CSV with the groups as dotted columns and the compared period after the first (§15, §16, §17)', async () => {
    const res = await get('participants', tokens.pl, `${YEAR}&${LAST_YEAR}&groupBy=ageBand`)
      .set('Accept', 'text/csv')
      .expect(200);
    const [header, ...lines] = res.text
      .trim()
      .split(/\r\n/)
      .map((l) => l.split(','));
    expect(header).toEqual(
      expect.arrayContaining(['groups.UNDER_16.participants.total', 'groups.65+.outcomes.ARBETE.man']),
    );
    expect(lines.map((l) => `${l[0]} ${l[2]}`)).toEqual([
      '2023-01-01 ENTER',
      '2023-01-01 NOVA',
      '2023-01-01 FIA',
      '2023-01-01 TOTAL',
      '2023-01-01 UNIQUE',
      '2022-01-01 ENTER',
      '2022-01-01 NOVA',
      '2022-01-01 FIA',
      '2022-01-01 TOTAL',
      '2022-01-01 UNIQUE',
    ]);
    const unique = lines.find((l) => l[0] === '2023-01-01' && l[2] === 'UNIQUE')!;
    expect(Number(unique[header.indexOf('groups.UNDER_16.participants.total')])).toBeGreaterThan(0);
    expect(res.headers['content-disposition']).toContain(
      'participants-2023-01-01-2023-12-31-2022-01-01-2022-12-31.csv',
    );
  });

  it('answers every statistics route as CSV too, with the compared period after the first (§15, §17)', async () => {
    for (const route of ROUTES) {
      const res = await get(route, tokens.manager, `${YEAR}&${LAST_YEAR}`)
        .set('Accept', 'text/csv')
        .expect(200);
      expect({ route, type: res.headers['content-type'] }).toEqual({
        route,
        type: expect.stringMatching(/^text\/csv/),
      });
      const [header, ...lines] = res.text.trim().split(/\r\n/);
      expect(header.split(',').slice(0, 2)).toEqual(['from', 'to']);
      const periods = new Set(lines.map((l) => l.split(',')[0]));
      expect({ route, periods: [...periods] }).toEqual({ route, periods: ['2023-01-01', '2022-01-01'] });
    }
  });

  it('answers every statistics route as its named OpenAPI schema says, plain and masked, grouped and compared (OpenAPI)', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const schemas = doc.components.schemas as Record<string, Schema>;
    for (const route of ROUTES) {
      const schema =
        doc.paths[`/api/v1/statistics/${route}`].get.responses['200'].content['application/json'].schema;
      expect(schema.$ref).toMatch(/Statistics$/);
      const queries = [
        YEAR,
        `${YEAR}&${LAST_YEAR}`,
        ...(route === 'participants' ? GROUP_BYS.map((b) => `${YEAR}&${LAST_YEAR}&groupBy=${b}`) : []),
      ];
      for (const token of [tokens.pl, tokens.manager])
        for (const query of queries) {
          const { body } = await get(route, token, query).expect(200);
          expect({ route, query, wrong: violations(body, schema, schemas) }).toEqual({
            route,
            query,
            wrong: [],
          });
        }
    }
  });
  it('counts the persons in each insats on the last day of the period, as §1 for that one day (§21)', async () => {
    for (const on of ['2023-06-30', '2023-12-31']) {
      const { body } = await get('caseload', tokens.pl, `from=2023-01-01&to=${on}`).expect(200);
      const day = expectedParticipants(all, on, on);
      expect(body.on).toBe(on);
      expect(body.insatser).toEqual(
        day.rows.map((r) => ({ insatsCode: r.insatsCode, name: r.name, participants: r.participants })),
      );
    }
  });

  describe('outcome details, the closing survey offered, beredning decisions and the caseload, on a torg of their own (§18–§21)', () => {
    const B = 'beslut';
    const tk = {} as Record<'pl' | 'kommun' | 'manager', string>;
    type Closing = {
      outcome: string;
      subtype?: string;
      extentPercent?: number;
      offered: boolean;
      answered: boolean;
    };
    // Twelve cases of 2023 (kvinna when even) and one of 2022: their decisions and closures.
    const CLOSINGS: (Closing | undefined)[] = [
      { outcome: 'ARBETE', subtype: 'LONEBIDRAG', extentPercent: 100, offered: true, answered: true },
      { outcome: 'ARBETE', subtype: 'NYSTARTSJOBB', extentPercent: 50, offered: true, answered: false },
      { outcome: 'ARBETE', subtype: 'OSUBVENTIONERAD', offered: true, answered: true },
      { outcome: 'STUDIER', extentPercent: 100, offered: false, answered: false },
      { outcome: 'SJUKERSATTNING', extentPercent: 25, offered: true, answered: true },
      { outcome: 'SJUKERSATTNING', extentPercent: 100, offered: true, answered: false },
      { outcome: 'AKTIVITETSERSATTNING', extentPercent: 100, offered: true, answered: true },
      { outcome: 'ATER_REMITTENT', offered: true, answered: true },
      { outcome: 'FLYTT', offered: false, answered: false },
      { outcome: 'ARBETE', subtype: 'SAMHALL', extentPercent: 100, offered: true, answered: true },
      undefined,
      undefined,
    ];
    const gender = (k: number): Gender => (k % 2 === 0 ? 'KVINNA' : 'MAN');
    const ids: string[] = [];

    const initiate = async (k: number, initiatedOn: string) => {
      const res = await post(
        '/api/v1/cases',
        tk.kommun,
        {
          person: {
            personnummer: personnummer(`1985030${1 + (k % 9)}`, 500 + k),
            name: 'Test Testsson',
            gender: gender(k),
          },
          consent: { givenBy: 'PERSON', givenOn: initiatedOn, form: 'SKRIFTLIG', scopeParties: [...PARTIES] },
          initiatingParty: 'KOMMUN',
          otherParties: ['ARBETSFORMEDLINGEN'],
          question: 'Hur kommer personen närmare arbete?',
          needs: 'Samordnat stöd.',
          incomeSource: 'FORSORJNINGSSTOD',
          targetGroups: [],
          initiatedOn,
        },
        201,
      );
      await post(`/api/v1/cases/${res.body.id}/accept`, tk.pl, { acceptedOn: initiatedOn });
      return res.body.id as string;
    };
    const meeting = async (date: string) =>
      (await post('/api/v1/meetings', tk.pl, { date }, 201)).body.id as string;
    const decide = async (caseId: string, meetingId: string, decision: string, decidedOn: string) => {
      await post(`/api/v1/meetings/${meetingId}/agenda`, tk.pl, { caseId });
      await post(`/api/v1/cases/${caseId}/decision`, tk.pl, {
        meetingId,
        decision,
        ...(decision === 'FORDJUPAD_SAMORDNING' ? { ownerParty: 'KOMMUN' } : {}),
        decidedOn,
      });
    };

    beforeAll(async () => {
      tk.pl = await t.token({ tenant: B, roles: ['processledare'], sub: 'pl-d' });
      tk.kommun = await t.token({ tenant: B, roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-d' });
      tk.manager = await t.token({ tenant: B, roles: ['manager'], sub: 'chef-d' });
      for (let k = 0; k < 12; k++) ids.push(await initiate(k, '2023-02-01'));
      const old = await initiate(12, '2022-09-01');
      const m0 = await meeting('2022-11-01');
      const m1 = await meeting('2023-03-07');
      const m2 = await meeting('2023-04-04');
      await decide(old, m0, 'FORDJUPAD_SAMORDNING', '2022-11-01');
      const kinds = [
        'FORDJUPAD_SAMORDNING',
        'FORDJUPAD_SAMORDNING',
        'FORDJUPAD_SAMORDNING',
        'EJ_FORDJUPAD_SAMORDNING',
        'BORDLAGD',
        'KOMPLETTERING',
        'FORDJUPAD_SAMORDNING',
        'FORDJUPAD_SAMORDNING',
      ];
      for (let k = 0; k < kinds.length; k++) await decide(ids[k], m1, kinds[k], '2023-03-07');
      // Postponed in March, taken up again in April: two decisions, one case.
      await decide(ids[4], m2, 'FORDJUPAD_SAMORDNING', '2023-04-04');
      for (let k = 0; k < CLOSINGS.length; k++) {
        const c = CLOSINGS[k];
        if (!c) continue;
        await post(`/api/v1/cases/${ids[k]}/close`, tk.pl, {
          closedOn: '2023-10-02',
          outcome: c.outcome,
          ...(c.subtype ? { subtype: c.subtype } : {}),
          ...(c.extentPercent ? { extentPercent: c.extentPercent } : {}),
          slutdokumentation: true,
          survey: { offered: c.offered, answered: c.answered },
        });
      }
      // Closed in October, reopened in November: open again at the end of the year.
      await post(`/api/v1/cases/${ids[8]}/reopen`, tk.pl, {
        reason: 'Flyttade tillbaka',
        reopenedOn: '2023-11-01',
      });
    }, 300_000);

    const split = (ks: number[]): Split => {
      const s = zero();
      for (const k of ks) add(s, gender(k));
      return s;
    };
    const closings = (pick: (c: Closing) => boolean) => CLOSINGS.flatMap((c, k) => (c && pick(c) ? [k] : []));

    it('counts every beredning decision of the period by kind, and the cases taken up once (§20)', async () => {
      const { body } = await get('decisions', tk.pl, `${YEAR}&${LAST_YEAR}`).expect(200);
      expect(body).toEqual({
        from: '2023-01-01',
        to: '2023-12-31',
        cases: split([0, 1, 2, 3, 4, 5, 6, 7]),
        decisions: split([0, 1, 2, 3, 4, 5, 6, 7, 4]),
        byKind: {
          FORDJUPAD_SAMORDNING: split([0, 1, 2, 6, 7, 4]),
          EJ_FORDJUPAD_SAMORDNING: split([3]),
          BORDLAGD: split([4]),
          KOMPLETTERING: split([5]),
        },
        compare: {
          from: '2022-01-01',
          to: '2022-12-31',
          cases: split([12]),
          decisions: split([12]),
          byKind: {
            FORDJUPAD_SAMORDNING: split([12]),
            EJ_FORDJUPAD_SAMORDNING: zero(),
            BORDLAGD: zero(),
            KOMPLETTERING: zero(),
          },
        },
      });
    });

    it('splits the closures of each outcome with an extent by extent band and, for work, by subtype (§18)', async () => {
      const { body } = await get('outcome-details', tk.pl, YEAR).expect(200);
      const band = (c: Closing) =>
        c.extentPercent === undefined ? 'EJ_ANGIVEN' : c.extentPercent >= 100 ? 'HEL' : 'PARTIELL';
      const detail = (outcome: string) => ({
        closed: split(closings((c) => c.outcome === outcome)),
        ...(outcome === 'ARBETE'
          ? {
              subtypes: Object.fromEntries(
                [
                  'OSUBVENTIONERAD',
                  'LONEBIDRAG',
                  'NYSTARTSJOBB',
                  'INTRODUKTIONSJOBB',
                  'SAMHALL',
                  'KOMMUNAL_ANSTALLNING',
                  'ANNAN_SUBVENTION',
                  'EJ_ANGIVEN',
                ].map((s) => [
                  s,
                  split(closings((c) => c.outcome === outcome && (c.subtype ?? 'EJ_ANGIVEN') === s)),
                ]),
              ),
            }
          : {}),
        extent: Object.fromEntries(
          ['HEL', 'PARTIELL', 'EJ_ANGIVEN'].map((b) => [
            b,
            split(closings((c) => c.outcome === outcome && band(c) === b)),
          ]),
        ),
      });
      expect(body).toEqual({
        from: '2023-01-01',
        to: '2023-12-31',
        outcomes: Object.fromEntries(
          ['ARBETE', 'STUDIER', 'SJUKERSATTNING', 'AKTIVITETSERSATTNING'].map((o) => [o, detail(o)]),
        ),
      });
      expect(body.outcomes.ARBETE.extent).toMatchObject({
        HEL: { total: 2 },
        PARTIELL: { total: 1 },
        EJ_ANGIVEN: { total: 1 },
      });
      // The same closures as case-outcomes (§6).
      const { body: outcomes } = await get('case-outcomes', tk.pl, YEAR).expect(200);
      for (const o of ['ARBETE', 'STUDIER', 'SJUKERSATTNING', 'AKTIVITETSERSATTNING'])
        expect(body.outcomes[o].closed).toEqual(outcomes.outcomes[o]);
      // Each outcome's share of the ten closed cases, by the server (§6): 4 in work, 5 in work or studies.
      expect(outcomes.shares).toMatchObject({
        ARBETE: 0.4,
        STUDIER: 0.1,
        ARBETE_ELLER_STUDIER: 0.5,
        SJUKERSATTNING: 0.2,
        FLYTT: 0.1,
        SJUKDOM: 0,
      });
      // For a manager a share is withheld when its outcome or the rest of the closed is 1–4 (§14).
      const { body: masked } = await get('case-outcomes', tk.manager, YEAR).expect(200);
      expect(masked.shares.ARBETE).toBeNull();
      expect(masked.shares.ARBETE_ELLER_STUDIER).toBe(
        masked.closed.total === 10 && masked.outcomes.ARBETE_ELLER_STUDIER.total === 5 ? 0.5 : null,
      );
      expect(masked.shares.SJUKDOM).toBe(masked.closed.total === 10 ? 0 : null);
    });

    it('counts the cases open on the last day of the period by initiating party: closed on or before it unless reopened since (§21)', async () => {
      const load = async (to: string) =>
        (await get('caseload', tk.pl, `from=2022-01-01&to=${to}`).expect(200)).body;
      const byParty = (ks: number[]) => ({
        KOMMUN: split(ks),
        REGION: zero(),
        ARBETSFORMEDLINGEN: zero(),
        FORSAKRINGSKASSAN: zero(),
      });
      const all13 = [...Array(13).keys()];
      // 2022-12-31: only the case of 2022 was initiated.
      expect(await load('2022-12-31')).toMatchObject({ on: '2022-12-31', cases: split([12]), insatser: [] });
      // 2023-10-01: every case open; 2023-10-02, the day ten closed: those ten are not.
      expect(await load('2023-10-01')).toMatchObject({
        cases: split(all13),
        byInitiatingParty: byParty(all13),
      });
      expect((await load('2023-10-02')).cases).toEqual(split([10, 11, 12]));
      // 2023-12-31: the one reopened in November is open again.
      const end = await load('2023-12-31');
      expect(end.cases).toEqual(split([8, 10, 11, 12]));
      expect(end.byInitiatingParty).toEqual(byParty([8, 10, 11, 12]));
      // The end of June this year beside the end of last year.
      const { body } = await get(
        'caseload',
        tk.pl,
        'from=2023-01-01&to=2023-06-30&compareFrom=2022-01-01&compareTo=2022-12-31',
      ).expect(200);
      expect(body.cases).toEqual(split(all13));
      expect(body.compare.cases).toEqual(split([12]));
    });

    it('gives the closures offered the closing survey and answering it, with both shares computed by the server (§19)', async () => {
      const { body } = await get('survey-offer', tk.pl, YEAR).expect(200);
      expect(body).toEqual({
        from: '2023-01-01',
        to: '2023-12-31',
        closed: split(closings(() => true)),
        offered: split(closings((c) => c.offered)),
        answered: split(closings((c) => c.offered && c.answered)),
        offeredShare: 0.8,
        answeredShare: 0.75,
      });
      // For a manager: 1–4 are "<5", and a share whose part or rest is 1–4 is withheld (§14).
      const { body: masked } = await get('survey-offer', tk.manager, YEAR).expect(200);
      expect(masked.offeredShare).toBeNull();
      expect(masked.answeredShare).toBeNull();
      expect(masked.answered.kvinna).toBe('<5');
      const cells = leaves(masked) as Map<string, Cell>;
      for (const [path, n] of leaves(body)) {
        if (typeof n !== 'number' || path.endsWith('Share')) continue;
        const c = cells.get(path);
        const agrees = c === '<5' ? n >= 1 && n <= 4 : c === null ? n >= 5 : c === n && !(n >= 1 && n <= 4);
        expect({ path, c, n, agrees }).toEqual({ path, c, n, agrees: true });
      }
      // Nothing more comes back from the splits and answered ≤ offered ≤ closed than the forms give away.
      const counts = new Map([...cells].filter(([p]) => /\.(total|kvinna|man|annat)$/.test(p)));
      const relations: Relations = {
        sums: ['closed', 'offered', 'answered'].map((x) => ({
          total: `${x}.total`,
          parts: [`${x}.kvinna`, `${x}.man`, `${x}.annat`],
        })),
        tags: [],
        orders: ['total', 'kvinna', 'man', 'annat'].flatMap((g): [string, string][] => [
          [`answered.${g}`, `offered.${g}`],
          [`offered.${g}`, `closed.${g}`],
        ]),
      };
      const given = inherent(new Map([...leaves(body)].filter(([p]) => counts.has(p))), relations);
      expect(recoverable(counts, relations).filter((p) => !given.has(p))).toEqual([]);
    });
  });
});
