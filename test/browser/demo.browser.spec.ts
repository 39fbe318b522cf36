import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayIso } from '../support/browser-dates';
import { MASTER_KEY, TEST_STORE } from '../support/app';
import { createTestDatabase, eventCount, type TestDatabase } from '../support/database';
import { runDemo } from '../../demo/demo.cli';
import { screen, signInAs, startWebApp, type WebApp } from '../support/browser';

/**
 * What a newcomer sees after the README's commands, on the test store (both stores: jest.config.js):
 * `npm run demo` with the service stopped, then the service started on the same store, and the web
 * app in the browser. The demo is written once per file: it is the slow part.
 */
describe('the demo torg (npm run demo) and the web app on it', () => {
  let web: WebApp;
  let db: TestDatabase;
  let dataDir: string;
  let firstRun: { code: number; output: string };
  let upcomingMeeting: string;
  const out: string[] = [];
  const run = (env: Record<string, string> = {}) =>
    runDemo({
      env: { NODE_ENV: 'test', MASTER_KEY, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      sql: db.sql,
      today: todayIso(),
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
  const auth = async (sub: string, roles: ('processledare' | 'handlaggare')[], party?: 'KOMMUN') => ({
    Authorization: `Bearer ${await web.api.token({ tenant: 'demo', sub, roles, party })}`,
  });

  beforeAll(async () => {
    db = await createTestDatabase(TEST_STORE);
    dataDir = mkdtempSync(join(tmpdir(), 'amt-demo-'));
    firstRun = { code: await run(), output: out.splice(0).join('\n') };
    web = await startWebApp({ db });
  }, 600_000); // the demo's 19,000 events and the read models' catch-up take minutes on a loaded machine
  afterAll(async () => {
    await (web ? web.close() : db?.dispose());
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a torg that the read models show, once the service is started: a queue, upcoming meetings with agendas, sealed persons', async () => {
    expect(firstRun.code).toBe(0);
    expect(firstRun.output).toMatch(/events written/);
    expect(await eventCount(web.api.db.sql)).toBeGreaterThan(3000);

    const { rows } = await web.api.db.sql.query<{ p: number }>(
      'SELECT max(position)::int AS p FROM es_events',
    );
    const pl = await auth('demo-processledare', ['processledare']);
    // Read with the demo's last position: the read models have caught up with everything it wrote
    // (on a loaded machine the started service may still be at it: asked again until they have).
    const askQueue = () => web.api.http.get(`/api/v1/queue?limit=500&minPosition=${rows[0].p}`).set(pl);
    const until = Date.now() + 300_000;
    let queue = await askQueue();
    while (queue.status === 503 && Date.now() < until) queue = await askQueue();
    expect(queue.status).toBe(200);
    const buckets = new Set(queue.body.items.map((i: { bucket: string }) => i.bucket));
    for (const b of ['NEW', 'AWAITING_BEREDNING', 'FOLLOW_UP_DUE']) expect(buckets).toContain(b);

    const meetings = await web.api.http.get(`/api/v1/meetings?from=${todayIso()}`).set(pl).expect(200);
    const upcoming = meetings.body.items.filter((m: { date: string }) => m.date > todayIso());
    expect(upcoming.length).toBeGreaterThanOrEqual(2);
    upcomingMeeting = upcoming.find((m: { casesOnAgenda: number }) => m.casesOnAgenda > 0).id;

    // The new case's person opens with the key the demo sealed it with; the name is in no event.
    const newCase = queue.body.items.find((i: { bucket: string }) => i.bucket === 'NEW').caseId;
    const view = await web.api.http.get(`/api/v1/cases/${newCase}`).set(pl).expect(200);
    expect(view.body.person.name).toMatch(/^\S+ \S+$/);
    expect(view.body.person.personnummer).toMatch(/^\d{8}9[89]\d\d$/);
    expect(view.body.question).toEqual(expect.any(String));
    const { rows: sealed } = await web.api.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM es_events WHERE tenant = 'demo' AND data::text LIKE $1`,
      [`%${view.body.person.name}%`],
    );
    expect(sealed[0].n).toBe(0);

    // The kommun's handläggare is the demo's caseworker: the cases the kommun initiated are theirs.
    const soc = await auth('demo-handlaggare-kommun', ['handlaggare'], 'KOMMUN');
    const kommunCase = (
      await web.api.db.sql.query<{ id: string }>(
        `SELECT substr(stream_id, 6) AS id FROM es_events WHERE tenant = 'demo' AND type = 'CaseInitiated'
          AND data->>'initiatingParty' = 'KOMMUN' AND NOT (data->'person'->>'protectedIdentity')::boolean LIMIT 1`,
      )
    ).rows[0].id;
    await web.api.http.get(`/api/v1/cases/${kommunCase}`).set(soc).expect(200);
  }, 400_000);

  it('writes nothing the second time', async () => {
    const before = await eventCount(web.api.db.sql);
    out.length = 0;
    expect(await run()).toBe(0);
    expect(out.join('\n')).toMatch(/already in place/);
    expect(await eventCount(web.api.db.sql)).toBe(before);
  });

  it('is refused in production, with a message and exit code 1', async () => {
    const before = await eventCount(web.api.db.sql);
    out.length = 0;
    expect(await run({ NODE_ENV: 'production' })).toBe(1);
    expect(out.join('\n')).toMatch(/refused: NODE_ENV=production/);
    expect(await eventCount(web.api.db.sql)).toBe(before);
  });

  it('the processledare’s queue holds every kind of task, overdue first', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('heading', { name: 'Arbetskö' }).waitFor();
    await page.getByRole('table').getByRole('row').nth(10).waitFor();
    await screen(page, 'demo-arbetsko', { fullPage: false }); // the README's picture: one screenful
    await context.close();
  });

  it('the förbundschef sees the year as charts: a chart as a table, its figures as a file, its definition', async () => {
    const { page, context } = await web.newPage({ width: 1280, height: 900 });
    await signInAs(page, web.url, 'Anders Wallin'); // a manager's home is Statistik
    await page.getByRole('heading', { name: 'Översikt i diagram' }).waitFor();
    // Every chart drawn (an SVG in each), the trend's twelve quarters included.
    await page.waitForFunction(() => {
      const charts = Array.from(document.querySelectorAll('[data-chart]'));
      return charts.length >= 11 && charts.every((c) => c.querySelector('svg path'));
    });
    const card = page.getByRole('region', { name: 'Deltagare per insats och kön' });
    // A "<5" gets no bar but its text where the bar would start: as many in the chart as in its table.
    const placeholders = await card.locator('[data-chart] svg text').filter({ hasText: /^<5$/ }).count();
    // The README's picture: the dashboard's top, from its heading (below the page's fixed header).
    await page.getByRole('heading', { name: 'Översikt i diagram' }).evaluate((h) => {
      const header = document.querySelector('.mantine-AppShell-header')?.getBoundingClientRect().height ?? 0;
      window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - header - 16);
    });
    await screen(page, 'demo-statistik', { fullPage: false });
    await screen(page, 'demo-statistik-diagram'); // every chart, to look at
    await card.getByRole('button', { name: 'Visa som tabell' }).click();
    const table = card.getByRole('table', { name: /^Deltagare per insats och kön/ });
    const rows = table.getByRole('row');
    await rows.nth(1).waitFor();
    const texts = (await table.getByRole('cell').allTextContents()).map((t) => t.trim());
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).toMatch(/^(\d[\d\s]*|<5|–)$/);
    expect(texts.filter((t) => t === '<5')).toHaveLength(placeholders);
    expect(await card.getByRole('button', { name: 'Visa som tabell' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Ladda ner CSV: Deltagare per insats och kön' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe('Insats;Kvinnor;Män;Annat / ej svar');
    expect(lines.map((l) => l.split(';').slice(1)).flat()).toEqual(texts.map((t) => t.replace(/\s/g, '')));
    await screen(page, 'demo-statistik-tabell');

    await card.getByRole('link', { name: /^Så räknas deltagare per insats/ }).click();
    await page.getByRole('heading', { name: 'Så räknas siffrorna' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#deltagare');
    await page.getByRole('region', { name: 'Små tal (<5 och –)' }).waitFor();
    await screen(page, 'demo-statistik-definitioner', { fullPage: false });
    await context.close();
  });

  it('meeting mode shows the next meeting’s first case on the projector', async () => {
    const { page, context } = await web.newPage({ width: 1280, height: 800 });
    // Signed in at the page asked for: the session lives in memory, so a new page load signs in again.
    await signInAs(page, `${web.url}/moten/${upcomingMeeting}/motelage`, 'Maria Lindqvist');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('button', { name: /Nästa/ }).click(); // from attendance to the first case
    await page
      .getByText(/Ärende 1 av/)
      .first()
      .waitFor();
    await screen(page, 'demo-motelage', { fullPage: false });
    await context.close();
  });
});
