import { initiation } from '../support/fixtures';
import { screen, signInAs, startWebApp, type WebApp } from '../support/browser';

/** Polls until `check` passes: the read models catch up with a write a moment later. */
async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A date some weeks ahead, YYYY-MM-DD: a meeting still to come. */
function weeksAhead(weeks: number): string {
  return new Date(Date.now() + weeks * 7 * 24 * 3600_000).toISOString().slice(0, 10);
}

describe('the Kalender and Notiser pages in the browser', () => {
  let web: WebApp;
  let processledare: string;
  let handlaggare: string;
  beforeAll(async () => {
    web = await startWebApp();
    processledare = await web.api.token({
      tenant: 'demo',
      roles: ['processledare'],
      sub: 'demo-processledare',
    });
    handlaggare = await web.api.token({
      tenant: 'demo',
      roles: ['handlaggare'],
      party: 'KOMMUN',
      sub: 'demo-handlaggare-kommun',
    });
  });
  afterAll(() => web?.close());

  it('given a scheduled meeting, when the processledare creates a feed, then its URL answers text/calendar without a token and lists the meeting, until she revokes it', async () => {
    await web.api.http
      .post('/api/v1/meetings')
      .set('Authorization', `Bearer ${processledare}`)
      .send({ date: weeksAhead(3), time: '09:00', place: 'Rum 3, Jobbtorget' })
      .expect(201);

    const { page, context } = await web.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kalender' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kalender' }).waitFor();
    await page.getByText('Du har inga prenumerationer.').waitFor();
    await page.getByRole('textbox', { name: 'Namn på prenumerationen (valfritt)' }).fill('Outlook på jobbet');
    await page.getByRole('button', { name: 'Skapa prenumeration' }).click();
    const field = page.getByRole('textbox', { name: 'Adress att prenumerera på' });
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(new RegExp(`^${web.url}/api/v1/meetings\\.ics\\?feed=[A-Za-z0-9_-]{43}$`));
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await page.getByRole('button', { name: 'Kopiera adressen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Adressen är (kopierad|markerad)/ })
      .waitFor();
    await page.getByText('Lägg till kalender → Från Internet').waitFor();
    await page.getByRole('row', { name: /Outlook på jobbet/ }).waitFor();
    await screen(page, 'kalender');

    // Outlook sends no Authorization header: a plain fetch of the URL.
    const ics = await eventually(
      async () => {
        const res = await fetch(url);
        return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
      },
      (r) => r.body.includes('Rum 3'),
    );
    expect(ics.status).toBe(200);
    expect(ics.type).toMatch(/^text\/calendar/);
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('LOCATION:Rum 3\\, Jobbtorget');

    await page.getByRole('button', { name: 'Återkalla Outlook på jobbet' }).click();
    await page.getByRole('button', { name: 'Ja, återkalla' }).click();
    await page.getByText('Prenumerationen är återkallad.').waitFor();
    await page.getByText('Du har inga prenumerationer.').waitFor();
    expect((await fetch(url)).status).toBe(404);
    await context.close();
  });

  it('given a returned case, when its initiator opens Notiser, then the notice is listed in Swedish with a link to the case', async () => {
    const created = await web.api.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${handlaggare}`)
      .send(initiation())
      .expect(201);
    const caseId = created.body.id as string;
    await web.api.http
      .post(`/api/v1/cases/${caseId}/return`)
      .set('Authorization', `Bearer ${processledare}`)
      .send({ reason: 'Behovsanalysen saknas.' })
      .expect(200);
    await eventually(
      async () =>
        (await web.api.http.get('/api/v1/notifications').set('Authorization', `Bearer ${handlaggare}`)).body
          .total as number,
      (total) => total > 0,
    );

    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Johan Ekström');
    await page.getByRole('button', { name: /^Notiser/ }).click();
    await page.getByRole('link', { name: 'Visa alla notiser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notiser' }).waitFor();
    // The bell's list closes once a link in it is followed.
    await page.getByRole('link', { name: 'Visa alla notiser' }).waitFor({ state: 'hidden' });
    const ref = caseId.slice(0, 8).toUpperCase();
    const row = page.getByRole('row', { name: /Ärendet återsänt/ });
    await row.getByRole('cell', { name: 'Kommunen' }).waitFor();
    const link = row.getByRole('link', { name: `Öppna ärende ${ref}` });
    expect(await link.getAttribute('href')).toBe(`/arenden/${caseId}`);
    await screen(page, 'notiser');
    await context.close();
  });
});
