import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { XLSX } from '../../apps/api/src/statistics/reports/reports.http.controller';
import { startTestApp, type TestApp } from '../support/app';
import { personnummer } from '../support/deadlines';

// Statistics over HTTP (DOMAIN.md §9, docs/statistics.md). Everything is recorded through the API
// with business dates in 2022–2023 while the clock stands at 2024-01-15, and read back for 2023.
//
// The first part records the cases behind the table Södra Vätterbygden published for 2023 and reads
// exactly its numbers back — its consistent columns: kvinnor, män, varav nya, avslutade and the
// reasons. FIA is recorded with 14 ended and reasons that add up to 14 (Sjukdom 8, not the
// published 9: the published row adds up to 15). "Annat skäl" is recorded as the outcome code ANNAT.

const NOW = '2024-01-15T10:00:00Z';
type Gender = 'KVINNA' | 'MAN';
type Reason = 'ARBETE' | 'STUDIER' | 'ARBETSLIVSINRIKTAD_REHAB' | 'SJUKDOM' | 'ANNAT';
type Code = 'ENTER' | 'NOVA' | 'FIA' | 'IT_SPARET' | 'KOLL';

const CATALOGUE: [Code, string, string][] = [
  ['ENTER', 'Enter', 'KOMMUN'],
  ['NOVA', 'NOVA', 'REGION'],
  ['FIA', 'FIA', 'ARBETSFORMEDLINGEN'],
  ['IT_SPARET', 'IT-spåret', 'KOMMUN'],
  ['KOLL', 'Koll på förmåga', 'FORSAKRINGSKASSAN'],
];

/** One row of the published table, as recorded (FIA's reasons made to add up to its 14). */
interface Published {
  kvinnor: number;
  man: number;
  nya: number;
  reasons: Partial<Record<Reason, number>>;
}

const TABLE: Record<Code, Published> = {
  ENTER: {
    kvinnor: 24,
    man: 38,
    nya: 19,
    reasons: { ARBETE: 4, STUDIER: 5, ARBETSLIVSINRIKTAD_REHAB: 3, SJUKDOM: 7, ANNAT: 1 },
  },
  NOVA: {
    kvinnor: 27,
    man: 17,
    nya: 27,
    reasons: { ARBETE: 2, STUDIER: 1, ARBETSLIVSINRIKTAD_REHAB: 19, SJUKDOM: 9, ANNAT: 9 },
  },
  FIA: {
    kvinnor: 23,
    man: 13,
    nya: 19,
    reasons: { ARBETE: 2, STUDIER: 1, ARBETSLIVSINRIKTAD_REHAB: 3, SJUKDOM: 8, ANNAT: 0 },
  },
  IT_SPARET: { kvinnor: 0, man: 4, nya: 4, reasons: {} },
  KOLL: { kvinnor: 35, man: 27, nya: 39, reasons: {} },
};

/** The women of NOVA who also take part in Koll på förmåga: one case, two insatser. */
const IN_BOTH = 8;

interface Period {
  code: Code;
  startedOn: string;
  end?: { on: string; reason: Reason; by: 'END' | 'CLOSE' };
}

interface Person {
  gender: Gender;
  periods: Period[];
  /** Closed with SJUKDOM, reopened, and the same insats started again (still going on). */
  reopened?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Exactly k of n indexes, spread evenly (Bresenham), so both genders get some of each. */
const spread = (i: number, k: number, n: number, offset = 0) =>
  Math.floor(((((i + offset) % n) + 1) * k) / n) > Math.floor((((i + offset) % n) * k) / n);

function participants(code: Code, row: Published): Person[] {
  const total = row.kvinnor + row.man;
  const ended = Object.values(row.reasons).reduce((a, b) => a + (b ?? 0), 0);
  const reasons = (Object.entries(row.reasons) as [Reason, number][]).flatMap(([r, n]) =>
    Array<Reason>(n).fill(r),
  );
  const out: Person[] = [];
  let e = 0;
  for (let i = 0; i < total; i++) {
    const gender: Gender = i < row.kvinnor ? 'KVINNA' : 'MAN';
    const isNew = spread(i, row.nya, total);
    const startedOn = isNew
      ? `2023-${pad(1 + (i % 9))}-${pad(10 + (i % 15))}`
      : `2022-${pad(2 + (i % 10))}-${pad(10 + (i % 15))}`;
    const period: Period = { code, startedOn };
    if (spread(i, ended, total, 3)) {
      period.end = {
        on: `2023-${pad(10 + (i % 3))}-${pad(1 + (i % 28))}`,
        reason: reasons[e],
        by: e % 2 ? 'END' : 'CLOSE',
      };
      e++;
    }
    out.push({ gender, periods: [period] });
  }
  return out;
}

/** The persons of the Södra Vätterbygden table: 208 participations of 200 persons. */
function vatterbygden(): Person[] {
  const byCode = Object.fromEntries(
    CATALOGUE.map(([code]) => [code, participants(code, TABLE[code])]),
  ) as Record<Code, Person[]>;
  // Eight women of NOVA are also in Koll på förmåga (which nobody left in 2023): their NOVA ends on
  // its own, since closing the case would end Koll på förmåga too.
  const nova = byCode.NOVA.filter((p) => p.gender === 'KVINNA').slice(0, IN_BOTH);
  const koll = byCode.KOLL.filter((p) => p.gender === 'KVINNA').slice(0, IN_BOTH);
  nova.forEach((p, i) => {
    if (p.periods[0].end) p.periods[0].end.by = 'END';
    p.periods.push(koll[i].periods[0]);
  });
  byCode.KOLL = byCode.KOLL.filter((p) => !koll.includes(p));
  // One Enter participant closed with SJUKDOM in May, reopened in June and back in Enter.
  const back = byCode.ENTER.find(
    (p) => p.periods[0].end?.reason === 'SJUKDOM' && p.periods[0].startedOn.startsWith('2023'),
  )!;
  back.periods[0] = {
    code: 'ENTER',
    startedOn: '2023-02-01',
    end: { on: '2023-05-10', reason: 'SJUKDOM', by: 'CLOSE' },
  };
  back.reopened = true;
  return Object.values(byCode).flat();
}

type Split = { total: number; kvinna: number; man: number; annat: number };
const split = (kvinna: number, man: number): Split => ({ total: kvinna + man, kvinna, man, annat: 0 });

describe('statistics over HTTP (DOMAIN.md §9, docs/statistics.md)', () => {
  let t: TestApp;
  const tokens = {} as Record<'admin' | 'pl' | 'kommun' | 'region' | 'manager' | 'handlaggare', string>;
  const positions: number[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const minPosition = () => Math.max(0, ...positions);

  async function post(path: string, token: string, body: object, status = 200): Promise<Response> {
    const res = await t.http.post(path).set(auth(token)).send(body);
    if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    if (typeof res.body.position === 'number') positions.push(res.body.position);
    return res;
  }

  /** Promise.all in chunks: the server gets 20 requests at a time. */
  async function inChunks<T>(items: T[], fn: (item: T, i: number) => Promise<unknown>): Promise<void> {
    for (let i = 0; i < items.length; i += 20)
      await Promise.all(items.slice(i, i + 20).map((item, j) => fn(item, i + j)));
  }

  let serial = 0;
  async function initiate(
    tenantTokens: { initiator: string },
    gender: Gender | 'ANNAT_EJ_SVAR',
    initiatedOn: string,
    extra: object = {},
  ): Promise<string> {
    const birth = `19${70 + (serial % 30)}0${1 + (serial % 9)}1${serial % 10}`;
    const res = await post(
      '/api/v1/cases',
      tenantTokens.initiator,
      {
        person: { personnummer: personnummer(birth, ++serial % 1000), name: 'Test Testsson', gender },
        consent: {
          givenBy: 'PERSON',
          givenOn: initiatedOn,
          form: 'SKRIFTLIG',
          scopeParties: ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN', 'FORSAKRINGSKASSAN'],
        },
        initiatingParty: 'KOMMUN',
        otherParties: ['ARBETSFORMEDLINGEN'],
        question: 'Hur kommer personen närmare arbete?',
        needs: 'Samordnat stöd.',
        incomeSource: 'FORSORJNINGSSTOD',
        targetGroups: [],
        initiatedOn,
        ...extra,
      },
      201,
    );
    return res.body.id;
  }

  const outcome = (reason: Reason) => ({
    reason,
    ...(reason === 'ARBETE' ? { subtype: 'OSUBVENTIONERAD' } : {}),
    ...(reason === 'ANNAT' ? { otherReason: 'Flyttade till annan kommun inom länet' } : {}),
  });

  async function close(token: string, caseId: string, closedOn: string, reason: string, extra: object = {}) {
    const { reason: outcomeCode, ...details } = outcome(reason as Reason);
    return post(`/api/v1/cases/${caseId}/close`, token, {
      closedOn,
      outcome: outcomeCode,
      ...details,
      slutdokumentation: true,
      survey: { offered: true, answered: false },
      ...extra,
    });
  }

  async function record(person: Person): Promise<void> {
    const firstStart = person.periods.map((p) => p.startedOn).sort()[0];
    const initiatedOn = `${firstStart.slice(0, 8)}01`;
    const id = await initiate({ initiator: tokens.kommun }, person.gender, initiatedOn);
    await post(`/api/v1/cases/${id}/accept`, tokens.pl, { acceptedOn: initiatedOn });
    for (const period of person.periods) {
      const started = await post(
        `/api/v1/cases/${id}/insatser`,
        tokens.pl,
        { insatsCode: period.code, startedOn: period.startedOn },
        201,
      );
      const end = period.end;
      if (end?.by === 'END') {
        await post(`/api/v1/cases/${id}/insatser/${started.body.insatsId}/end`, tokens.pl, {
          endedOn: end.on,
          ...outcome(end.reason),
        });
      }
    }
    const closing = person.periods.find((p) => p.end?.by === 'CLOSE')?.end;
    if (closing) await close(tokens.pl, id, closing.on, closing.reason);
    if (person.reopened) {
      await post(`/api/v1/cases/${id}/reopen`, tokens.pl, {
        reason: 'Ny sjukskrivning avslutad',
        reopenedOn: '2023-06-01',
      });
      await post(
        `/api/v1/cases/${id}/insatser`,
        tokens.pl,
        { insatsCode: 'ENTER', startedOn: '2023-06-15' },
        201,
      );
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    tokens.admin = await t.token({ tenant: 'vatterbygden', roles: ['admin'], sub: 'admin-1' });
    tokens.pl = await t.token({ tenant: 'vatterbygden', roles: ['processledare'], sub: 'pl-1' });
    tokens.kommun = await t.token({
      tenant: 'vatterbygden',
      roles: ['handlaggare'],
      party: 'KOMMUN',
      sub: 'soc-1',
    });
    tokens.manager = await t.token({ tenant: 'vatterbygden', roles: ['manager'], sub: 'chef-1' });
    tokens.handlaggare = tokens.kommun;
    for (const [code, name, party] of CATALOGUE) {
      await t.http
        .put(`/api/v1/admin/insatser/${code}`)
        .set(auth(tokens.admin))
        .send({ name, party })
        .expect(200);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('documents every statistics route in OpenAPI, for JSON and CSV, with its definitions in docs/statistics.md', async () => {
    const { body } = await t.http.get('/api/docs-json').expect(200);
    const routes = [
      'participants',
      'case-outcomes',
      'sips',
      'lead-times',
      'follow-ups',
      'initiating-parties',
      'progression',
      'closing-survey',
    ];
    for (const route of routes) {
      const op = body.paths[`/api/v1/statistics/${route}`]?.get;
      expect({ route, documented: !!op }).toEqual({ route, documented: true });
      expect(op.description).toMatch(/docs\/statistics\.md §\d+/);
      expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['from', 'to', 'minPosition']),
      );
      expect(Object.keys(op.responses['200'].content ?? {})).toEqual(
        expect.arrayContaining(['application/json', 'text/csv']),
      );
    }
  });

  describe('Deltagare 2023, Södra Vätterbygden', () => {
    const persons = vatterbygden();

    beforeAll(async () => {
      await inChunks(persons, (p) => record(p));
      // What must not count in 2023: an insats over before it, one starting after it, a case without one.
      const before = await initiate({ initiator: tokens.kommun }, 'MAN', '2022-02-20');
      await post(`/api/v1/cases/${before}/accept`, tokens.pl, { acceptedOn: '2022-02-21' });
      const early = await post(
        `/api/v1/cases/${before}/insatser`,
        tokens.pl,
        { insatsCode: 'ENTER', startedOn: '2022-03-01' },
        201,
      );
      await post(`/api/v1/cases/${before}/insatser/${early.body.insatsId}/end`, tokens.pl, {
        endedOn: '2022-12-20',
        ...outcome('ARBETE'),
      });
      const after = await initiate({ initiator: tokens.kommun }, 'KVINNA', '2024-01-05');
      await post(`/api/v1/cases/${after}/accept`, tokens.pl, { acceptedOn: '2024-01-05' });
      await post(
        `/api/v1/cases/${after}/insatser`,
        tokens.pl,
        { insatsCode: 'NOVA', startedOn: '2024-01-10' },
        201,
      );
      await initiate({ initiator: tokens.kommun }, 'KVINNA', '2023-05-05');
      // Volyminsatser: three for Enter and twelve for NOVA in 2023, one for Enter in 2022.
      const consultations = [
        ...Array.from({ length: 3 }, (_, i) => ({ insatsCode: 'ENTER', heldOn: `2023-0${3 + i}-14` })),
        ...Array.from({ length: 12 }, (_, i) => ({ insatsCode: 'NOVA', heldOn: `2023-${pad(1 + i)}-20` })),
        { insatsCode: 'ENTER', heldOn: '2022-11-30' },
      ];
      await inChunks(consultations, (c) => post('/api/v1/consultations', tokens.kommun, c, 201));
    }, 600_000);

    const get = (token: string, query = 'from=2023-01-01&to=2023-12-31') =>
      t.http.get(`/api/v1/statistics/participants?${query}&minPosition=${minPosition()}`).set(auth(token));

    it('gives back the published table for 2023: kvinnor, män, varav nya, avslutade and the reasons per insats, and the total (§1–§5)', async () => {
      const res = await get(tokens.pl).expect(200);
      const body = res.body;
      expect(body).toMatchObject({ from: '2023-01-01', to: '2023-12-31' });
      expect(body.rows.map((r: { insatsCode: string; name: string }) => [r.insatsCode, r.name])).toEqual(
        CATALOGUE.map(([code, name]) => [code, name]),
      );
      const published = (r: {
        participants: Split;
        new: Split;
        ended: Split;
        outcomes: Record<string, Split>;
      }) => [
        r.participants.kvinna,
        r.participants.man,
        r.new.total,
        r.ended.total,
        r.outcomes.ARBETE.total,
        r.outcomes.STUDIER.total,
        r.outcomes.ARBETSLIVSINRIKTAD_REHAB.total,
        r.outcomes.SJUKDOM.total,
        r.outcomes.ANNAT.total,
      ];
      // Kvinnor, Män, Varav nya, Avslutade, Arbete, Studier, Arb.rehab, Sjukdom, Annat skäl.
      expect(
        Object.fromEntries(body.rows.map((r: { name: string }) => [r.name, published(r as never)])),
      ).toEqual({
        Enter: [24, 38, 19, 20, 4, 5, 3, 7, 1],
        NOVA: [27, 17, 27, 40, 2, 1, 19, 9, 9],
        FIA: [23, 13, 19, 14, 2, 1, 3, 8, 0],
        'IT-spåret': [0, 4, 4, 0, 0, 0, 0, 0, 0],
        'Koll på förmåga': [35, 27, 39, 0, 0, 0, 0, 0, 0],
      });
      // Totalt: the row sums; Sjukdom is 24 where the published total, carrying FIA's extra one, says 25.
      expect(published(body.total)).toEqual([109, 99, 108, 74, 8, 7, 25, 24, 10]);
      expect(body.total.participants).toEqual(split(109, 99));
      expect(body.total.outcomes.ARBETE_ELLER_STUDIER).toEqual(expect.objectContaining({ total: 15 }));
      // The eight women in two insatser are one person each.
      expect(body.unique).toEqual({ participants: split(109 - IN_BOTH, 99) });
    });

    it('splits every cell kvinna/man/annat exactly as recorded, with arbete eller studier per insats (§1–§3)', async () => {
      const { body } = await get(tokens.pl).expect(200);
      for (const [code] of CATALOGUE) {
        const expected = {
          participants: split(0, 0),
          new: split(0, 0),
          ended: split(0, 0),
          outcomes: {} as Record<string, Split>,
        };
        const add = (s: Split, g: Gender) => {
          s.total++;
          s[g === 'KVINNA' ? 'kvinna' : 'man']++;
        };
        for (const p of persons) {
          const period = p.periods.find((x) => x.code === code);
          if (!period) continue;
          add(expected.participants, p.gender);
          if (period.startedOn >= '2023-01-01' || p.reopened) add(expected.new, p.gender);
          if (period.end) {
            add(expected.ended, p.gender);
            for (const key of [
              period.end.reason,
              ...(['ARBETE', 'STUDIER'].includes(period.end.reason) ? ['ARBETE_ELLER_STUDIER'] : []),
            ]) {
              add((expected.outcomes[key] ??= split(0, 0)), p.gender);
            }
          }
        }
        const row = body.rows.find((r: { insatsCode: string }) => r.insatsCode === code);
        expect({ code, participants: row.participants, new: row.new, ended: row.ended }).toEqual({
          code,
          participants: expected.participants,
          new: expected.new,
          ended: expected.ended,
        });
        for (const [key, value] of Object.entries(row.outcomes as Record<string, Split>)) {
          expect({ code, key, value }).toEqual({ code, key, value: expected.outcomes[key] ?? split(0, 0) });
        }
      }
    });

    it('counts consultations as volume per insats, in the period only (§4)', async () => {
      const { body } = await get(tokens.pl).expect(200);
      expect(body.rows.map((r: { insatsCode: string; volume: number }) => [r.insatsCode, r.volume])).toEqual([
        ['ENTER', 3],
        ['NOVA', 12],
        ['FIA', 0],
        ['IT_SPARET', 0],
        ['KOLL', 0],
      ]);
      expect(body.total.volume).toBe(15);
    });

    it('shows a manager every count from 1 to 4 as "<5", withholds (null) every count that would give one back, and keeps 0 (§14)', async () => {
      const { body } = await get(tokens.manager).expect(200);
      const { body: plain } = await get(tokens.pl).expect(200);
      const row = (code: Code) => body.rows.find((r: { insatsCode: string }) => r.insatsCode === code);
      expect(row('IT_SPARET').participants).toEqual({ total: '<5', kvinna: 0, man: '<5', annat: 0 });
      expect(row('FIA').outcomes.STUDIER.total).toBe('<5');
      // Volume: 15 in all and NOVA's 12 would give Enter's 3 back, so NOVA's 12 is withheld.
      expect(row('ENTER').volume).toBe('<5');
      expect(row('NOVA').volume).toBeNull();
      expect(body.total.volume).toBe(15);

      // Every count as the processledare sees it: the same number, "<5" for 1–4, null only for 5 or more.
      const cells = (v: unknown, path = '', out = new Map<string, unknown>()) => {
        if (v !== null && typeof v === 'object')
          for (const [k, x] of Object.entries(v)) cells(x, path ? `${path}.${k}` : k, out);
        else out.set(path, v);
        return out;
      };
      const masked = cells({ rows: body.rows, total: body.total, unique: body.unique });
      const real = cells({ rows: plain.rows, total: plain.total, unique: plain.unique });
      for (const [path, n] of real) {
        if (typeof n !== 'number') continue;
        const c = masked.get(path);
        const agrees = c === '<5' ? n >= 1 && n <= 4 : c === null ? n >= 5 : c === n && !(n >= 1 && n <= 4);
        expect({ path, c, n, agrees }).toEqual({ path, c, n, agrees: true });
      }
      expect(JSON.stringify(body)).toContain('"<5"');
      expect(JSON.stringify(body)).toContain('null');

      // No row (a split's total and its genders) and no column (the total row and the insatser) has
      // exactly one count withheld: none is its shown counts added and subtracted.
      const sums: string[][] = [];
      const lines = [...body.rows.map((_: unknown, i: number) => `rows.${i}`), 'total'];
      const splits = [...masked.keys()]
        .filter((p) => p.endsWith('.kvinna'))
        .map((p) => p.slice(0, -'.kvinna'.length));
      for (const s of splits) sums.push([`${s}.total`, `${s}.kvinna`, `${s}.man`, `${s}.annat`]);
      for (const p of [...masked.keys()].filter((x) => x.startsWith('total.')))
        sums.push([p, ...lines.slice(0, -1).map((l) => `${l}${p.slice('total'.length)}`)]);
      for (const sum of sums) {
        const withheld = sum.filter((p) => masked.get(p) === '<5' || masked.get(p) === null);
        expect({ sum: sum[0], lone: withheld.length === 1 }).toEqual({ sum: sum[0], lone: false });
      }
    });

    it('answers Accept: text/csv with a flat CSV: a header, one line per insats, the row sum and the unique persons (§15)', async () => {
      const res = await get(tokens.pl).set('Accept', 'text/csv').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text
        .trim()
        .split(/\r\n/)
        .map((l) => l.split(','));
      const [header, ...rows] = lines;
      expect(header.slice(0, 4)).toEqual(['from', 'to', 'insatsCode', 'name']);
      expect(rows.map((r) => r[2])).toEqual(['ENTER', 'NOVA', 'FIA', 'IT_SPARET', 'KOLL', 'TOTAL', 'UNIQUE']);
      const cell = (code: string, column: string) => rows.find((r) => r[2] === code)![header.indexOf(column)];
      expect(cell('ENTER', 'participants.kvinna')).toBe('24');
      expect(cell('FIA', 'ended.total')).toBe('14');
      expect(cell('FIA', 'outcomes.SJUKDOM.total')).toBe('8');
      expect(cell('KOLL', 'name')).toBe('Koll på förmåga');
      expect(cell('TOTAL', 'new.total')).toBe('108');
      expect(cell('UNIQUE', 'participants.total')).toBe('200');
      for (const r of rows) expect(r).toHaveLength(header.length);

      const masked = await get(tokens.manager).set('Accept', 'text/csv').expect(200);
      const mlines = masked.text
        .trim()
        .split(/\r\n/)
        .map((l) => l.split(','));
      const it = mlines.find((r) => r[2] === 'IT_SPARET')!;
      expect(it[mlines[0].indexOf('participants.man')]).toBe('<5');
      expect(it[mlines[0].indexOf('participants.kvinna')]).toBe('0');
    });

    it('a period is required, from on or before to; only managers and processledare may read (introduction)', async () => {
      const missing = await t.http.get('/api/v1/statistics/participants?to=2023-12-31').set(auth(tokens.pl));
      expect(missing.status).toBe(400);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
      const bad = await t.http
        .get('/api/v1/statistics/participants?from=2023-02-30&to=2023-12-31')
        .set(auth(tokens.pl));
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
      const reversed = await t.http
        .get('/api/v1/statistics/participants?from=2023-12-31&to=2023-01-01')
        .set(auth(tokens.pl));
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
      await t.http
        .get('/api/v1/statistics/participants?from=2023-01-01&to=2023-12-31')
        .set(auth(tokens.handlaggare))
        .expect(403);
      await t.http.get('/api/v1/statistics/participants?from=2023-01-01&to=2023-12-31').expect(401);
    });

    describe('the report for the board: 2023 beside 2022, as JSON, CSV, a printable page and Excel (§22, §17)', () => {
      // 2022 as recorded: the table's participants who started before 2023, the Enter participant
      // who left for work in December 2022 (above), and nine more who started and ended in 2022.
      const end = (on: string, reason: Reason, by: 'END' | 'CLOSE') => ({ on, reason, by });
      const BEFORE: Person = {
        gender: 'MAN',
        periods: [{ code: 'ENTER', startedOn: '2022-03-01', end: end('2022-12-20', 'ARBETE', 'END') }],
      };
      const COHORT_2022: Person[] = [
        ...(
          [
            ['KVINNA', 'ARBETE'],
            ['MAN', 'ARBETE'],
            ['KVINNA', 'STUDIER'],
            ['KVINNA', 'SJUKDOM'],
            ['MAN', 'SJUKDOM'],
            ['KVINNA', 'ANNAT'],
          ] as [Gender, Reason][]
        ).map(([gender, reason], i) => ({
          gender,
          periods: [
            {
              code: 'ENTER' as Code,
              startedOn: `2022-0${2 + i}-07`,
              end: end(`2022-09-${10 + i}`, reason, i % 2 ? 'END' : 'CLOSE'),
            },
          ],
        })),
        ...[0, 1, 2].map((i) => ({
          gender: 'MAN' as Gender,
          periods: [
            {
              code: 'FIA' as Code,
              startedOn: `2022-0${3 + i}-15`,
              end: end(`2022-10-0${3 + i}`, 'ARBETSLIVSINRIKTAD_REHAB', 'CLOSE'),
            },
          ],
        })),
      ];
      const YEAR = 'from=2023-01-01&to=2023-12-31&compareFrom=2022-01-01&compareTo=2022-12-31';
      const report = (token: string, accept = 'application/json') =>
        t.http
          .get(`/api/v1/reports/participants?${YEAR}&minPosition=${minPosition()}`)
          .set(auth(token))
          .set('Accept', accept);
      /** Collects a binary answer (supertest parses text only). */
      const binary = (res: Response, done: (err: Error | null, body: unknown) => void) => {
        const stream = res as unknown as NodeJS.ReadableStream;
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      };

      /** The workbook's bytes as exceljs takes them. */
      const excel = (body: Buffer) => new Uint8Array(body).buffer as ExcelJS.Buffer;

      /** 2022 per insats, worked out from what was recorded: participants, new, ended and outcomes (§1–§3). */
      function expected2022(code: Code) {
        const row = { kvinna: 0, man: 0, new: 0, ended: 0, outcomes: {} as Record<string, number> };
        for (const p of [...persons, ...COHORT_2022, BEFORE]) {
          for (const period of p.periods.filter((x) => x.code === code)) {
            if (period.startedOn > '2022-12-31' || (period.end && period.end.on < '2022-01-01')) continue;
            row[p.gender === 'KVINNA' ? 'kvinna' : 'man']++;
            if (period.startedOn >= '2022-01-01') row.new++;
            if (period.end && period.end.on <= '2022-12-31') {
              row.ended++;
              row.outcomes[period.end.reason] = (row.outcomes[period.end.reason] ?? 0) + 1;
            }
          }
        }
        return row;
      }

      beforeAll(async () => {
        await inChunks(COHORT_2022, (p) => record(p));
      }, 300_000);

      it('gives the table per insats for 2023 with 2022 beside it, exactly as recorded, with arbete eller studier and its share (JSON)', async () => {
        const { body } = await report(tokens.pl).expect(200);
        expect(body).toMatchObject({
          title: 'Deltagare och utfall per insats',
          tenant: 'vatterbygden',
          period: { from: '2023-01-01', to: '2023-12-31', label: '2023' },
          compare: { from: '2022-01-01', to: '2022-12-31', label: '2022' },
          masked: false,
        });
        const [participantsTable, outcomesTable] = body.tables;
        expect(participantsTable.rows.map((r: { code: string }) => r.code)).toEqual([
          ...CATALOGUE.map(([code]) => code),
          'TOTAL',
          'UNIQUE',
        ]);
        const row = (table: typeof participantsTable, code: string) =>
          table.rows.find((r: { code: string }) => r.code === code);
        // 2023: the published table (kvinnor, män, varav nya, avslutade).
        const published: Record<Code, number[]> = {
          ENTER: [24, 38, 19, 20],
          NOVA: [27, 17, 27, 40],
          FIA: [23, 13, 19, 14],
          IT_SPARET: [0, 4, 4, 0],
          KOLL: [35, 27, 39, 0],
        };
        for (const [code] of CATALOGUE) {
          const r = row(participantsTable, code);
          expect({ code, now: [r.values.kvinna, r.values.man, r.values.new, r.values.ended] }).toEqual({
            code,
            now: published[code],
          });
          const then = expected2022(code);
          expect({ code, then: [r.compare.kvinna, r.compare.man, r.compare.new, r.compare.ended] }).toEqual({
            code,
            then: [then.kvinna, then.man, then.new, then.ended],
          });
          const o = row(outcomesTable, code);
          for (const reason of ['ARBETE', 'STUDIER', 'ARBETSLIVSINRIKTAD_REHAB', 'SJUKDOM', 'ANNAT'])
            expect({ code, reason, then: o.compare[reason] }).toEqual({
              code,
              reason,
              then: then.outcomes[reason] ?? 0,
            });
        }
        // Our own figures for 2022: 56 women and 54 men took part, all of them new (nobody here started
        // before 2022); 10 ended: 3 to work, 1 to studies, 3 to rehabilitation, 2 ill, 1 other.
        const total = row(participantsTable, 'TOTAL');
        expect(total.values).toMatchObject({
          kvinna: 109,
          man: 99,
          participants: 208,
          new: 108,
          ended: 74,
          volume: 15,
        });
        expect(total.compare).toMatchObject({
          kvinna: 56,
          man: 54,
          participants: 110,
          new: 110,
          ended: 10,
          volume: 1,
        });
        expect(row(participantsTable, 'UNIQUE').values).toEqual({
          kvinna: 101,
          man: 99,
          annat: 0,
          participants: 200,
        });
        const outcomesTotal = row(outcomesTable, 'TOTAL');
        expect(outcomesTotal.values).toMatchObject({
          ended: 74,
          ARBETE: 8,
          STUDIER: 7,
          ARBETE_ELLER_STUDIER: 15,
          workOrStudiesShare: 0.203,
        });
        expect(outcomesTotal.compare).toMatchObject({
          ended: 10,
          ARBETE: 3,
          STUDIER: 1,
          ARBETE_ELLER_STUDIER: 4,
          workOrStudiesShare: 0.4,
        });
        // Enter in 2022: 2 + 1 to work (one in December), 1 to studies, of 7 ended: 4/7 = 0.571.
        expect(row(outcomesTable, 'ENTER').compare).toMatchObject({
          ended: 7,
          ARBETE_ELLER_STUDIER: 4,
          workOrStudiesShare: 0.571,
        });
        // Only the outcome columns anyone ended under, and always arbete, studier and their sum.
        expect(outcomesTable.columns.map((c: { key: string }) => c.key)).toEqual([
          'ended',
          'ARBETE',
          'STUDIER',
          'ARBETSLIVSINRIKTAD_REHAB',
          'SJUKDOM',
          'ANNAT',
          'ARBETE_ELLER_STUDIER',
          'workOrStudiesShare',
        ]);
        expect(body.definitions.map((d: { section: string }) => d.section)).toEqual(
          expect.arrayContaining(['§1', '§2', '§3', '§4', '§5', '§22']),
        );
      });

      it('gives the same report as an Excel workbook: a sheet per table, numbers as numbers, the share as a percentage, "<5" for a manager (read back with exceljs)', async () => {
        const res = await report(tokens.pl, XLSX).buffer(true).parse(binary).expect(200);
        expect(res.headers['content-type']).toBe(XLSX);
        expect(res.headers['content-disposition']).toBe(
          'attachment; filename="deltagare-2023-01-01-2023-12-31-2022-01-01-2022-12-31.xlsx"',
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(excel(res.body));
        expect(workbook.worksheets.map((w) => w.name)).toEqual(['Deltagare', 'Utfall', 'Definitioner']);
        const sheet = workbook.getWorksheet('Deltagare')!;
        const header = (sheet.getRow(4).values as ExcelJS.CellValue[]).slice(1);
        expect(header.slice(0, 5)).toEqual([
          'Insats',
          'Kvinnor 2023',
          'Kvinnor 2022',
          'Män 2023',
          'Män 2022',
        ]);
        const rowOf = (ws: ExcelJS.Worksheet, label: string) => {
          let found: ExcelJS.Row | undefined;
          ws.eachRow((r) => {
            if (r.getCell(1).value === label) found = r;
          });
          return found!;
        };
        const cell = (ws: ExcelJS.Worksheet, label: string, column: string) => {
          const h = (ws.getRow(4).values as ExcelJS.CellValue[]).indexOf(column);
          return rowOf(ws, label).getCell(h);
        };
        expect(cell(sheet, 'Enter', 'Kvinnor 2023').value).toBe(24);
        expect(cell(sheet, 'Enter', 'Kvinnor 2022').value).toBe(expected2022('ENTER').kvinna);
        expect(cell(sheet, 'Totalt (radsumma)', 'Deltagare 2023').value).toBe(208);
        expect(cell(sheet, 'Totalt (radsumma)', 'Deltagare 2022').value).toBe(110);
        expect(cell(sheet, 'Unika personer', 'Deltagare 2023').value).toBe(200);
        const outcomes = workbook.getWorksheet('Utfall')!;
        const share = cell(outcomes, 'Totalt (radsumma)', 'Andel arbete eller studier 2023');
        expect(share.value).toBe(0.203);
        expect(share.numFmt).toBe('0.0%');
        expect(cell(outcomes, 'FIA', 'Arbetslivsinriktad rehabilitering 2022').value).toBe(3);
        const definitions = workbook.getWorksheet('Definitioner')!;
        expect(rowOf(definitions, 'Deltagare').getCell(3).value).toBe('§1');

        const masked = await report(tokens.manager, XLSX).buffer(true).parse(binary).expect(200);
        const managers = new ExcelJS.Workbook();
        await managers.xlsx.load(excel(masked.body));
        const m = managers.getWorksheet('Deltagare')!;
        expect(cell(m, 'IT-spåret', 'Män 2023').value).toBe('<5');
        expect(cell(m, 'IT-spåret', 'Kvinnor 2023').value).toBe(0);
        expect(cell(m, 'Enter', 'Kvinnor 2023').value).toBe(24);
      });

      it('prints: an HTML page with "this (last)" cells, the definitions as footnotes and print styles, no script; and a CSV with 2022 after 2023', async () => {
        const page = await report(tokens.pl, 'text/html').expect(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.text).toContain('<html lang="sv">');
        expect(page.text).toContain('Deltagare och utfall per insats 2023');
        expect(page.text).toContain('@media print');
        expect(page.text).not.toMatch(/<script/i);
        expect(page.text).toMatch(
          new RegExp(`<th scope="row">Enter</th><td>24 \\(${expected2022('ENTER').kvinna}\\)</td>`),
        );
        // Shares in Swedish form (a no-break space before the per cent sign).
        expect(page.text).toMatch(/<td>20,3\s%\s\(40,0\s%\)<\/td>/);
        expect(page.text).toMatch(
          /<h2>Definitioner<\/h2>\s*<ol>\s*<li id="def-participants"><strong>Deltagare<\/strong>/,
        );

        const csv = await report(tokens.pl, 'text/csv').expect(200);
        const [header, ...lines] = csv.text
          .trim()
          .split('\r\n')
          .map((l) => l.split(','));
        expect(header.slice(0, 5)).toEqual(['table', 'from', 'to', 'code', 'name']);
        const at = (from: string, table: string, code: string, column: string) =>
          lines.find((l) => l[1] === from && l[0] === table && l[3] === code)![header.indexOf(column)];
        expect(at('2023-01-01', 'participants', 'ENTER', 'kvinna')).toBe('24');
        expect(at('2022-01-01', 'participants', 'TOTAL', 'participants')).toBe('110');
        expect(at('2022-01-01', 'outcomes', 'ENTER', 'workOrStudiesShare')).toBe('0.571');
        expect(lines.findIndex((l) => l[1] === '2022-01-01')).toBeGreaterThan(
          lines.findLastIndex((l) => l[1] === '2023-01-01'),
        );
      });

      it('masks a manager’s report in the same way as the statistics answer, in both periods, and withholds a share that would give a "<5" back (§14)', async () => {
        const { body } = await report(tokens.manager).expect(200);
        expect(body.masked).toBe(true);
        const [participantsTable, outcomesTable] = body.tables;
        const it = participantsTable.rows.find((r: { code: string }) => r.code === 'IT_SPARET');
        expect(it.values).toMatchObject({ kvinna: 0, man: '<5', participants: '<5' });
        const statistics = await get(tokens.manager, YEAR).expect(200);
        for (const r of statistics.body.rows as { insatsCode: string; participants: Split }[]) {
          const row = participantsTable.rows.find((x: { code: string }) => x.code === r.insatsCode);
          expect({ code: r.insatsCode, kvinna: row.values.kvinna, man: row.values.man }).toEqual({
            code: r.insatsCode,
            kvinna: r.participants.kvinna,
            man: r.participants.man,
          });
        }
        // FIA 2022: 3 ended, all to rehabilitation: no share (0 of 3 would tell the 3).
        const fia = outcomesTable.rows.find((r: { code: string }) => r.code === 'FIA');
        expect(fia.compare.ended).toBe('<5');
        expect(fia.compare.workOrStudiesShare).toBeNull();
        // No "<5" is a shown total less its shown parts, in either period.
        for (const table of body.tables as {
          rows: { code: string; values: Record<string, unknown>; compare: Record<string, unknown> }[];
        }[]) {
          for (const period of ['values', 'compare'] as const) {
            const total = table.rows.find((r) => r.code === 'TOTAL')![period];
            for (const key of Object.keys(total)) {
              const cells = table.rows
                .filter((r) => r.code !== 'TOTAL' && r.code !== 'UNIQUE')
                .map((r) => r[period][key]);
              const hidden = cells.filter((c) => c === '<5' || c === null).length;
              expect({
                key,
                period,
                lone: typeof total[key] === 'number' && hidden === 1 && key !== 'workOrStudiesShare',
              }).toEqual({ key, period, lone: false });
            }
          }
        }
        await t.http.get(`/api/v1/reports/participants?${YEAR}`).set(auth(tokens.handlaggare)).expect(403);
        const missing = await t.http
          .get('/api/v1/reports/participants?from=2023-01-01')
          .set(auth(tokens.pl))
          .expect(400);
        expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
      });
    });
  });

  describe('the other figures, on a few cases of another torg', () => {
    const other = {} as Record<'pl' | 'kommun' | 'region' | 'manager', string>;
    const ids = {} as Record<'a' | 'b' | 'c' | 'd', string>;
    const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

    beforeAll(async () => {
      other.pl = await t.token({ tenant: 'torget', roles: ['processledare'], sub: 'pl-2' });
      other.kommun = await t.token({
        tenant: 'torget',
        roles: ['handlaggare'],
        party: 'KOMMUN',
        sub: 'soc-2',
      });
      other.region = await t.token({
        tenant: 'torget',
        roles: ['handlaggare'],
        party: 'REGION',
        sub: 'reg-2',
      });
      other.manager = await t.token({ tenant: 'torget', roles: ['manager'], sub: 'chef-2' });
      const admin = await t.token({ tenant: 'torget', roles: ['admin'], sub: 'admin-2' });
      for (const [code, name, party] of [
        ['ENTER', 'Enter', 'KOMMUN'],
        ['NOVA', 'NOVA', 'REGION'],
      ]) {
        await t.http.put(`/api/v1/admin/insatser/${code}`).set(auth(admin)).send({ name, party }).expect(200);
      }
      const pl = other.pl;

      // A: decided at a meeting, a SIP with a förmöte, Enter with ratings, follow-ups, closed in work.
      ids.a = await initiate({ initiator: other.kommun }, 'KVINNA', '2023-01-10', {
        initiatingUnit: 'EKONOMISKT_BISTAND',
      });
      await post(`/api/v1/cases/${ids.a}/accept`, pl, { acceptedOn: '2023-01-11' });
      const meeting = await post('/api/v1/meetings', pl, { date: '2023-01-24' }, 201);
      await post(`/api/v1/meetings/${meeting.body.id}/agenda`, pl, { caseId: ids.a });
      await post(`/api/v1/cases/${ids.a}/decision`, pl, {
        meetingId: meeting.body.id,
        decision: 'FORDJUPAD_SAMORDNING',
        ownerParty: 'KOMMUN',
        decidedOn: '2023-01-24',
      });
      const sipA = await post(
        `/api/v1/cases/${ids.a}/sips`,
        other.kommun,
        { initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: true, requestedOn: '2023-01-20' },
        201,
      );
      await post(`/api/v1/cases/${ids.a}/sips/${sipA.body.sipId}/held`, other.kommun, {
        heldOn: '2023-02-03',
        attendees: ['KOMMUN', 'REGION'],
        plan: [{ goal: 'Arbete på deltid', action: 'Praktik via Enter', responsibleParty: 'KOMMUN' }],
      });
      await post(
        `/api/v1/cases/${ids.a}/insatser`,
        pl,
        { insatsCode: 'ENTER', startedOn: '2023-02-01', step: 2, vas: 40 },
        201,
      );
      await post(`/api/v1/cases/${ids.a}/follow-ups`, pl, {
        month: 3,
        recordedOn: '2023-05-10',
        incomeSource: 'FORSORJNINGSSTOD',
        step: 3,
        vas: 55,
      });
      await post(`/api/v1/cases/${ids.a}/follow-ups`, pl, {
        month: 6,
        recordedOn: '2023-08-30',
        incomeSource: 'FORSORJNINGSSTOD',
        step: 4,
        vas: 60,
      });
      await close(pl, ids.a, '2023-12-01', 'ARBETE', { step: 5, vas: 70 });

      // B: the region's, its first insats 136 days in; a follow-up SIP; closed, reopened, closed again.
      ids.b = await initiate({ initiator: other.region }, 'MAN', '2023-03-01', {
        initiatingParty: 'REGION',
        otherParties: ['KOMMUN'],
      });
      await post(`/api/v1/cases/${ids.b}/accept`, pl, { acceptedOn: '2023-03-02' });
      await post(
        `/api/v1/cases/${ids.b}/insatser`,
        pl,
        { insatsCode: 'NOVA', startedOn: '2023-07-15', step: 3 },
        201,
      );
      const sipB = await post(
        `/api/v1/cases/${ids.b}/sips`,
        pl,
        { initiatorRole: 'PROCESSLEDARE', kind: 'UPPFOLJNING', formote: false, requestedOn: '2023-07-20' },
        201,
      );
      await post(`/api/v1/cases/${ids.b}/sips/${sipB.body.sipId}/held`, pl, {
        heldOn: '2023-08-10',
        attendees: ['KOMMUN', 'REGION'],
        plan: [{ goal: 'Stabil hälsa', action: 'Samtal', responsibleParty: 'REGION' }],
      });
      await close(pl, ids.b, '2023-09-01', 'SJUKDOM', { step: 2 });
      await post(`/api/v1/cases/${ids.b}/reopen`, pl, {
        reason: 'Vill försöka igen',
        reopenedOn: '2023-09-15',
      });
      await close(pl, ids.b, '2023-10-20', 'STUDIER', { step: 4 });

      // C: closed before its 90 days were up without needing an insats. D: no insats, deadline missed.
      ids.c = await initiate({ initiator: other.kommun }, 'KVINNA', '2023-06-01', {
        initiatingUnit: 'EKONOMISKT_BISTAND',
      });
      await post(`/api/v1/cases/${ids.c}/accept`, pl, { acceptedOn: '2023-06-02' });
      await close(pl, ids.c, '2023-06-20', 'ATER_REMITTENT');
      ids.d = await initiate({ initiator: other.kommun }, 'MAN', '2023-08-01');
      await post(`/api/v1/cases/${ids.d}/accept`, pl, { acceptedOn: '2023-08-02' });

      // Closing surveys: three for Enter and one for NOVA in 2023, one for Enter in 2022.
      const surveys = [
        {
          insatsCode: 'ENTER',
          answeredOn: '2023-12-01',
          answers: { q1: 'ALLTID', q4: 'JA', q5: 'TILL_STOR_DEL', q8: 'JA', q9: 'DELVIS' },
        },
        {
          insatsCode: 'ENTER',
          answeredOn: '2023-11-02',
          answers: { q1: 'IBLAND', q4: 'NEJ', q5: 'HELT_OCH_HALLET', q8: 'NEJ' },
        },
        { insatsCode: 'ENTER', answeredOn: '2023-10-03', answers: { q1: 'OFTA', q2: 'SALLAN' } },
        { insatsCode: 'NOVA', answeredOn: '2023-10-04', answers: { q1: 'ALDRIG' } },
        { insatsCode: 'ENTER', answeredOn: '2022-10-05', answers: { q1: 'ALDRIG' } },
      ];
      for (const s of surveys) await post('/api/v1/surveys/closing', pl, s, 201);
    }, 120_000);

    const read = (route: string, token = other.pl, query = 'from=2023-01-01&to=2023-12-31') =>
      t.http.get(`/api/v1/statistics/${route}?${query}&minPosition=${minPosition()}`).set(auth(token));

    it('lead times: days from initiation to decision, to first insats and to closure (median, p90), and the 90-day rule (§8, §9)', async () => {
      const { body } = await read('lead-times').expect(200);
      const toClosure = [
        days('2023-01-10', '2023-12-01'),
        days('2023-03-01', '2023-10-20'),
        days('2023-06-01', '2023-06-20'),
      ].sort((x, y) => x - y);
      expect(body).toEqual({
        from: '2023-01-01',
        to: '2023-12-31',
        toDecision: { count: 1, median: 14, p90: 14 },
        toFirstInsats: { count: 2, median: (22 + 136) / 2, p90: 136 },
        // B counts once, with its last closure in the period.
        toClosure: { count: 3, median: toClosure[1], p90: toClosure[2] },
        // A met it; B (first insats after 136 days) and D (none) missed it; C closed before it without one.
        ninetyDayRule: { cases: 3, met: 1, missed: 2, share: 0.333 },
      });
      const masked = await read('lead-times', other.manager).expect(200);
      expect(masked.body.toDecision).toEqual({ count: '<5', median: null, p90: null });
      expect(masked.body.ninetyDayRule).toEqual({ cases: '<5', met: '<5', missed: '<5', share: null });
    });

    it('SIPs held: first and follow-up, by initiating role and the gender of the person, förmöte share, days from request (§7)', async () => {
      const { body } = await read('sips').expect(200);
      expect(body).toMatchObject({
        held: split(1, 1),
        byKind: { FORSTA: split(1, 0), UPPFOLJNING: split(0, 1) },
        withFormote: split(1, 0),
        formoteShare: 0.5,
        daysRequestToHeld: { count: 2, median: 17.5, p90: 21 },
      });
      expect(body.byInitiatorRole.SOCIALSEKRETERARE).toEqual(split(1, 0));
      expect(body.byInitiatorRole.PROCESSLEDARE).toEqual(split(0, 1));
      expect(body.byInitiatorRole.VARDEN).toEqual(split(0, 0));
    });

    it('follow-ups due in the period and the share recorded within the grace days (§10)', async () => {
      const { body } = await read('follow-ups').expect(200);
      // A: 3 on time, 6 late (29 days), 9 never recorded; B: 3 due while open, never recorded.
      expect(body).toMatchObject({ graceDays: 14, due: 4, onTime: 1, late: 3, pending: 0, share: 0.25 });
      expect(body.byMonth['3']).toEqual({ due: 2, onTime: 1, late: 1, pending: 0, share: 0.5 });
      expect(body.byMonth['12']).toEqual({ due: 0, onTime: 0, late: 0, pending: 0, share: null });
    });

    it('cases by initiating party and unit (§11)', async () => {
      const { body } = await read('initiating-parties').expect(200);
      expect(body.rows).toEqual([
        { party: 'KOMMUN', unit: null, cases: split(0, 1) },
        { party: 'KOMMUN', unit: 'EKONOMISKT_BISTAND', cases: split(2, 0) },
        { party: 'REGION', unit: null, cases: split(0, 1) },
      ]);
      expect(body.parties.find((p: { party: string }) => p.party === 'KOMMUN').cases).toEqual(split(2, 1));
      expect(body.total).toEqual(split(2, 2));
    });

    it('progression: first to last step and VAS per insats (§12)', async () => {
      const { body } = await read('progression').expect(200);
      expect(body.rows).toEqual([
        expect.objectContaining({
          insatsCode: 'ENTER',
          periods: 1,
          measured: 1,
          firstStepMean: 2,
          lastStepMean: 5,
          changeMean: 3,
          improved: 1,
        }),
        // NOVA ended with the first closure: the ratings after it are not NOVA's.
        expect.objectContaining({
          insatsCode: 'NOVA',
          periods: 1,
          measured: 1,
          firstStepMean: 3,
          lastStepMean: 2,
          changeMean: -1,
          worsened: 1,
        }),
      ]);
      expect(body.total).toMatchObject({
        periods: 2,
        measured: 2,
        changeMean: 1,
        vas: { measured: 1, firstMean: 40, lastMean: 70, changeMean: 30 },
      });
    });

    it('closing survey: per question the share answering in the top three steps, Ja for the yes/no questions (§13)', async () => {
      const { body } = await read(
        'closing-survey',
        other.pl,
        'from=2023-01-01&to=2023-12-31&insatsCode=ENTER',
      ).expect(200);
      expect(body.surveys).toBe(3);
      const q = Object.fromEntries(body.questions.map((x: { question: string }) => [x.question, x]));
      expect(q.q1).toMatchObject({ answered: 3, positive: 2, share: 0.667 });
      expect(q.q2).toMatchObject({ answered: 1, positive: 0, share: 0 });
      expect(q.q4).toMatchObject({ answered: 2, positive: 1, share: 0.5 });
      expect(q.q5).toMatchObject({ answered: 2, positive: 2, share: 1 });
      expect(q.q9).toMatchObject({ answered: 1, positive: 0, share: 0 });
      expect(q.q3).toMatchObject({ answered: 0, positive: 0, share: null });
      const all = await read('closing-survey').expect(200);
      expect(all.body.surveys).toBe(4);
    });

    it('closing survey for a manager: a share whose positive answers are "<5" is withheld, in JSON and CSV (§14)', async () => {
      // Seven NOVA surveys in June 2022: one positive q1, six negative. 0.143 × 7 would undo the "<5".
      for (let i = 0; i < 7; i++) {
        const answers = { q1: i === 0 ? 'ALLTID' : 'ALDRIG' };
        await post(
          '/api/v1/surveys/closing',
          other.pl,
          { insatsCode: 'NOVA', answeredOn: '2022-06-10', answers },
          201,
        );
      }
      const june = 'from=2022-06-01&to=2022-06-30&insatsCode=NOVA';
      const pl = await read('closing-survey', other.pl, june).expect(200);
      expect(pl.body.questions[0]).toMatchObject({ question: 'q1', answered: 7, positive: 1, share: 0.143 });
      const chef = await read('closing-survey', other.manager, june).expect(200);
      expect(chef.body.questions[0]).toMatchObject({
        question: 'q1',
        answered: 7,
        positive: '<5',
        share: null,
      });
      const csv = await read('closing-survey', other.manager, june).set('Accept', 'text/csv').expect(200);
      const [header, q1] = csv.text
        .trim()
        .split(/\r\n/)
        .map((l) => l.split(','));
      const row = Object.fromEntries(header.map((h, i) => [h, q1[i]]));
      expect(row).toMatchObject({ question: 'q1', answered: '7', positive: '<5', share: '' });
    });

    it('case outcomes: a case counts once per period, with its last closure in it (§6)', async () => {
      const { body } = await read('case-outcomes').expect(200);
      expect(body.closed).toEqual(split(2, 1));
      expect(body.outcomes.ARBETE).toEqual(split(1, 0));
      expect(body.outcomes.STUDIER).toEqual(split(0, 1));
      expect(body.outcomes.SJUKDOM).toEqual(split(0, 0));
      expect(body.outcomes.ATER_REMITTENT).toEqual(split(1, 0));
      expect(body.outcomes.ARBETE_ELLER_STUDIER).toEqual(split(1, 1));
      // B's first closure, in September, counts in a period that ends before the reopening.
      const q3 = await read('case-outcomes', other.pl, 'from=2023-07-01&to=2023-09-10').expect(200);
      expect(q3.body.outcomes.SJUKDOM).toEqual(split(0, 1));
    });

    it('every statistics route answers CSV with a header row, with the same "<5" rule (§14, §15)', async () => {
      for (const route of [
        'sips',
        'lead-times',
        'follow-ups',
        'initiating-parties',
        'progression',
        'closing-survey',
        'case-outcomes',
      ]) {
        const res = await read(route, other.manager).set('Accept', 'text/csv').expect(200);
        expect({ route, type: res.headers['content-type'] }).toEqual({
          route,
          type: expect.stringMatching(/^text\/csv/),
        });
        const [header, ...lines] = res.text.trim().split(/\r\n/);
        expect(header.split(',').slice(0, 2)).toEqual(['from', 'to']);
        expect(lines.length).toBeGreaterThan(0);
        expect({ route, masked: res.text.includes('<5') }).toEqual({ route, masked: true });
      }
    });

    it('answers from the new figures once a write changed the torg’s statistics, never from the answer kept before it; another torg’s answer stays (§4, §5)', async () => {
      const report = (token: string) =>
        t.http
          .get(`/api/v1/reports/participants?from=2023-01-01&to=2023-12-31&minPosition=${minPosition()}`)
          .set(auth(token));
      const before = await read('participants').expect(200);
      expect((await read('participants').expect(200)).body).toEqual(before.body);
      const reportBefore = await report(other.pl).expect(200);
      const vatterbygden = await read('participants', tokens.pl).expect(200);

      await post('/api/v1/consultations', other.kommun, { insatsCode: 'ENTER', heldOn: '2023-11-11' }, 201);
      const afterVolume = await read('participants').expect(200);
      expect(afterVolume.body.total.volume).toBe(before.body.total.volume + 1);

      const id = await initiate({ initiator: other.kommun }, 'MAN', '2023-11-01');
      await post(`/api/v1/cases/${id}/accept`, other.pl, { acceptedOn: '2023-11-02' });
      await post(
        `/api/v1/cases/${id}/insatser`,
        other.pl,
        { insatsCode: 'NOVA', startedOn: '2023-11-15' },
        201,
      );
      const afterCase = await read('participants').expect(200);
      expect(afterCase.body.unique.participants.man).toBe(before.body.unique.participants.man + 1);
      const nova = (body: { rows: { insatsCode: string; participants: { man: number } }[] }) =>
        body.rows.find((r) => r.insatsCode === 'NOVA')?.participants.man ?? 0;
      expect(nova(afterCase.body)).toBe(nova(before.body) + 1);
      const reportAfter = await report(other.pl).expect(200);
      expect(reportAfter.body).not.toEqual(reportBefore.body);

      expect((await read('participants', tokens.pl).expect(200)).body).toEqual(vatterbygden.body);
    });
  });
});
