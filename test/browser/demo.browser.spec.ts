import { todayIso } from '../support/browser-dates';
import { runDemo } from '../../demo/demo.cli';
import { screen, signInAs, startWebApp, type WebApp } from '../support/browser';

/** The demo torg (`npm run demo`) in the browser: what a newcomer sees after the README's commands. */
describe('the demo torg in the web app', () => {
  let web: WebApp;
  let upcomingMeeting: string;

  beforeAll(async () => {
    web = await startWebApp();
    const out: string[] = [];
    const code = await runDemo({
      env: {
        NODE_ENV: 'test',
        MASTER_KEY: web.api.config.masterKey!,
        DATA_DIR: web.api.config.dataDir,
        LOG_LEVEL: 'silent',
      },
      sql: web.api.db.sql,
      today: todayIso(),
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
    expect(code).toBe(0);
    const { rows } = await web.api.db.sql.query<{ p: number }>(
      'SELECT max(position)::int AS p FROM es_events',
    );
    const pl = await web.api.token({ tenant: 'demo', roles: ['processledare'], sub: 'demo-processledare' });
    // Read models caught up with everything the demo wrote.
    await web.api.http
      .get(`/api/v1/queue?limit=1&minPosition=${rows[0].p}`)
      .set('Authorization', `Bearer ${pl}`)
      .expect(200);
    const meetings = await web.api.http
      .get(`/api/v1/meetings?from=${todayIso()}`)
      .set('Authorization', `Bearer ${pl}`)
      .expect(200);
    upcomingMeeting = meetings.body.items.find((m: { casesOnAgenda: number }) => m.casesOnAgenda > 0).id;
  }, 300_000); // the demo's 4,000 events and the read models' catch-up take minutes on a loaded machine
  afterAll(() => web?.close());

  it('the processledare’s queue holds every kind of task, overdue first', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('heading', { name: 'Arbetskö' }).waitFor();
    await page.getByRole('table').getByRole('row').nth(10).waitFor();
    await screen(page, 'demo-arbetsko', { fullPage: false }); // the README's picture: one screenful
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
