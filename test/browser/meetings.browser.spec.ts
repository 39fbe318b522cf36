import type { Page } from 'playwright-core';
import { initiation } from '../support/fixtures';
import { screen, signInAs, startWebApp, type WebApp } from '../support/browser';

/** The browser's today in the tenant's zone, as the screens compute it. */
function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)),
  );
const ref = (caseId: string) => caseId.slice(0, 8).toUpperCase();

describe('beredningsgruppens möten in the browser', () => {
  let web: WebApp;
  let onAgenda: string;
  let notOnAgenda: string;
  let processledare: string;

  beforeAll(async () => {
    web = await startWebApp();
    const admin = await web.api.token({ tenant: 'demo', roles: ['admin'], sub: 'demo-admin' });
    const handlaggare = await web.api.token({
      tenant: 'demo',
      roles: ['handlaggare'],
      party: 'KOMMUN',
      sub: 'demo-handlaggare-kommun',
    });
    processledare = await web.api.token({
      tenant: 'demo',
      roles: ['processledare'],
      sub: 'demo-processledare',
    });
    await web.api.http
      .put('/api/v1/admin/settings')
      .set('Authorization', `Bearer ${admin}`)
      .send({ meetingCadence: { weekday: 'TUESDAY', time: '09:00', intervalWeeks: 1 } })
      .expect(200);
    await web.api.http
      .put('/api/v1/admin/insatser/AMT_AF')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect((r) => expect([200, 201]).toContain(r.status));
    const initiate = async (name: string, question: string) =>
      (
        await web.api.http
          .post('/api/v1/cases')
          .set('Authorization', `Bearer ${handlaggare}`)
          .send(initiation({ person: { personnummer: '19900101-0017', name, gender: 'KVINNA' }, question }))
          .expect(201)
      ).body.id as string;
    onAgenda = await initiate('Anna Andersson', 'Hur kan Anna komma närmare arbete trots sin ångest?');
    notOnAgenda = await initiate('Bo Berg', 'Vilket stöd behöver Bo för att börja studera?');
    // The second case is accepted but put on no agenda: no member of the group may see it.
    await web.api.http
      .post(`/api/v1/cases/${notOnAgenda}/accept`)
      .set('Authorization', `Bearer ${processledare}`)
      .send({})
      .expect(200);
  });
  afterAll(() => web?.close());

  /** Intake in the queue ("Ta emot", the queue's own screen) when it offers it, else through the API. */
  async function accept(page: Page, caseId: string): Promise<'queue' | 'api'> {
    // Tokens live in memory only: navigate inside the app, never by reloading.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetskö' }).click();
    const button = page.getByRole('button', { name: `Ta emot ${ref(caseId)}` });
    try {
      await button.waitFor({ timeout: 5_000 });
    } catch {
      await web.api.http
        .post(`/api/v1/cases/${caseId}/accept`)
        .set('Authorization', `Bearer ${processledare}`)
        .send({})
        .expect(200);
      return 'api';
    }
    await button.click();
    await page.getByRole('button', { name: 'Ta emot ärendet' }).click();
    await button.waitFor({ state: 'detached' });
    return 'queue';
  }

  it('given a new case, the processledare accepts it, plans meetings, builds the agenda by keyboard, records attendance and a decision with jäv in meeting mode, and prints the protocol', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Maria Lindqvist');
    const intake = await accept(page, onAgenda);
    process.stdout.write(`intake through the ${intake}\n`);

    // Möten: plan the next two by the cadence, and book today's meeting.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Möten' }).click();
    await page.getByRole('heading', { name: 'Möten', level: 1 }).waitFor();
    await page.getByText('Torgets mötesrytm: varje tisdag kl. 09:00.').waitFor();
    await page.getByLabel('Antal möten').fill('2');
    await page.getByRole('button', { name: 'Skapa 2 möten' }).click();
    await page.getByText('2 möten har skapats.').waitFor();
    const booking = page.getByRole('region', { name: 'Boka ett möte' });
    await booking.getByLabel('Datum').fill(today());
    await booking.getByLabel('Plats eller länk').fill('Rum 3, Jobbtorget');
    await booking.getByRole('button', { name: 'Boka mötet' }).click();
    await page.getByText('Mötet är bokat.').waitFor();
    const todays = page.getByRole('link', { name: `Möte ${longDate(today())}` }).first();
    await todays.waitFor();
    expect(await page.getByRole('region', { name: 'Kommande möten' }).getByRole('row').count()).toBe(4);
    await screen(page, 'moten');

    // Dagordning: add the case by keyboard, as a priority case.
    await todays.click();
    await page.getByRole('heading', { name: /Beredningsgruppens möte/ }).waitFor();
    const add = page.getByRole('button', { name: `Lägg till ärende ${ref(onAgenda)}` });
    await add.waitFor();
    await page.getByRole('checkbox', { name: `Prioriterat: ärende ${ref(onAgenda)}` }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(`Ärende ${ref(onAgenda)} är tillagt på dagordningen.`).waitFor();
    const item = page.getByRole('article', { name: `1. Ärende ${ref(onAgenda)}` });
    await item.getByText('Hur kan Anna komma närmare arbete trots sin ångest?').waitFor();
    await item.getByText('Prioriterat').waitFor();
    // The other accepted case waits, unplanned.
    await page.getByRole('button', { name: `Lägg till ärende ${ref(notOnAgenda)}` }).waitFor();
    await screen(page, 'mote-dagordning');

    // Added, moved to the next meeting and taken off there: it waits unplanned again.
    await page.getByRole('button', { name: `Lägg till ärende ${ref(notOnAgenda)}` }).click();
    await page.getByRole('article', { name: `2. Ärende ${ref(notOnAgenda)}` }).waitFor();
    await page.getByRole('button', { name: `Flytta ärende ${ref(notOnAgenda)}` }).click();
    await page.getByText(`Ärende ${ref(notOnAgenda)} är flyttat.`).waitFor();
    expect(await page.getByRole('article', { name: `2. Ärende ${ref(notOnAgenda)}` }).count()).toBe(0);
    // The next meeting, the second in the list of coming ones.
    await page.getByRole('link', { name: '← Alla möten' }).click();
    await page
      .getByRole('region', { name: 'Kommande möten' })
      .getByRole('link', { name: /^Möte / })
      .nth(1)
      .click();
    await page.getByRole('button', { name: `Ta bort ärende ${ref(notOnAgenda)} från dagordningen` }).click();
    await page.getByText(`Ärende ${ref(notOnAgenda)} är borttaget från dagordningen.`).waitFor();
    await page.getByRole('button', { name: `Lägg till ärende ${ref(notOnAgenda)}` }).waitFor();
    await page.getByRole('link', { name: '← Alla möten' }).click();
    await page
      .getByRole('link', { name: `Möte ${longDate(today())}` })
      .first()
      .click();
    await page.getByRole('article', { name: `1. Ärende ${ref(onAgenda)}` }).waitFor();

    // Mötesläge at 1024×768: attendance, then the case and its decision.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('link', { name: 'Mötesläge' }).click();
    await page.getByRole('heading', { name: 'Närvaro', level: 2 }).waitFor();
    await page.getByLabel('Ledamot (användar-id) 1').fill('demo-beredning-kommun');
    await page.getByLabel('Ledamot (användar-id) 2').fill('demo-beredning-region');
    await page.getByLabel('Ledamot (användar-id) 3').fill('demo-beredning-af');
    await page.getByRole('button', { name: 'Ta bort ledamot 4' }).click();
    await page.getByRole('button', { name: 'Lägg till adjungerad' }).click();
    await page.getByLabel('Namn 1').fill('Eva Lärare');
    await page.getByLabel('Organisation 1').fill('Gymnasieskolan');
    await screen(page, 'motelage-narvaro');
    await page.getByRole('button', { name: 'Spara närvaro' }).click();
    await page.getByText('Närvaron är sparad.').waitFor();

    // Focus is on the save button, outside any field: the arrow key turns the page.
    await page.keyboard.press('ArrowRight');
    await page.getByRole('status').filter({ hasText: 'Ärende 1 av 1' }).waitFor();
    await page.getByRole('heading', { name: `1. Ärende ${ref(onAgenda)}` }).waitFor();
    await page.getByRole('radio', { name: 'Fördjupad samordning', exact: true }).focus();
    await page.keyboard.press('Space');
    const insats = page.getByRole('checkbox', { name: 'Arbetsförmedlare på AMT' });
    await insats.focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Regionen (demo-beredning-region)' }).focus();
    await page.keyboard.press('Space');
    expect(await insats.isChecked()).toBe(true);
    await screen(page, 'motelage');
    await page.getByRole('button', { name: 'Registrera beslut' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Beslut: Fördjupad samordning').waitFor();
    await page.getByText('Regionen (demo-beredning-region)').waitFor();

    // Protokoll: the decision and the jäv; printed without navigation or buttons.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await page.getByRole('heading', { name: /^Protokoll, beredningsgruppens möte/ }).waitFor();
    const entry = page.getByRole('article', { name: `§ 1 Ärende ${ref(onAgenda)}` });
    await entry.getByText('Fördjupad samordning').waitFor();
    await entry.getByText('Deltog inte (jäv)').waitFor();
    await entry.getByText('Regionen (demo-beredning-region)').waitFor();
    await entry.getByText('Arbetsförmedlingen').first().waitFor();
    await entry.getByText('Arbetsförmedlare på AMT', { exact: true }).waitFor();
    await page.getByText('Eva Lärare, Gymnasieskolan').waitFor();
    await screen(page, 'protokoll');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await nav.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Skriv ut' }).isVisible()).toBe(false);
    expect(await entry.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('a member of the beredningsgrupp sees the meeting’s agenda and protocol read-only, and no case that is on no agenda', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Lena Bergqvist');
    await page.getByRole('heading', { name: 'Möten', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: /Skapa .* möten|Boka mötet/ }).count()).toBe(0);
    await page
      .getByRole('link', { name: `Möte ${longDate(today())}` })
      .first()
      .click();
    const item = page.getByRole('article', { name: `1. Ärende ${ref(onAgenda)}` });
    await item.getByText('Hur kan Anna komma närmare arbete trots sin ångest?').waitFor();
    await item
      .getByText(/Fördjupad samordning/)
      .first()
      .waitFor();
    expect(await page.getByRole('heading', { name: 'Väntar på beredning' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Lägg till|Ta bort|Flytta/ }).count()).toBe(0);
    expect(await page.getByText(ref(notOnAgenda)).count()).toBe(0);
    expect(await page.getByText('Vilket stöd behöver Bo').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Mötesläge' }).count()).toBe(0);
    await screen(page, 'mote-beredning');

    await page.getByRole('link', { name: 'Protokoll' }).click();
    const entry = page.getByRole('article', { name: `§ 1 Ärende ${ref(onAgenda)}` });
    await entry.getByText('Regionen (demo-beredning-region)').waitFor();
    await screen(page, 'protokoll-beredning');

    // The case on no agenda is not there for the member, as if it did not exist.
    const member = await web.api.token({
      tenant: 'demo',
      roles: ['beredning'],
      party: 'KOMMUN',
      sub: 'demo-beredning-kommun',
    });
    await web.api.http
      .get(`/api/v1/cases/${notOnAgenda}`)
      .set('Authorization', `Bearer ${member}`)
      .expect(404);
    await web.api.http.get(`/api/v1/cases/${onAgenda}`).set('Authorization', `Bearer ${member}`).expect(200);
    await context.close();
  });

  it('the processledare orders the agenda by keyboard (Flytta upp / Flytta ned); the page and the protocol show the order', async () => {
    // A meeting of its own, two months ahead, with two accepted cases: Cilla's, then Dan's.
    const pl = { Authorization: `Bearer ${processledare}` };
    const handlaggare = await web.api.token({
      tenant: 'demo',
      roles: ['handlaggare'],
      party: 'KOMMUN',
      sub: 'demo-handlaggare-kommun',
    });
    const date = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const meetingId = (await web.api.http.post('/api/v1/meetings').set(pl).send({ date }).expect(201)).body
      .id as string;
    const cases: string[] = [];
    let written = 0;
    for (const [name, question] of [
      ['Cilla Carlsson', 'Hur kan Cilla få en praktikplats?'],
      ['Dan Dahl', 'Vilken insats passar Dan efter sjukskrivningen?'],
    ]) {
      const id = (
        await web.api.http
          .post('/api/v1/cases')
          .set('Authorization', `Bearer ${handlaggare}`)
          .send(initiation({ person: { personnummer: '19900101-0017', name, gender: 'KVINNA' }, question }))
          .expect(201)
      ).body.id as string;
      await web.api.http.post(`/api/v1/cases/${id}/accept`).set(pl).send({}).expect(200);
      const added = await web.api.http
        .post(`/api/v1/meetings/${meetingId}/agenda`)
        .set(pl)
        .send({ caseId: id })
        .expect(200);
      written = Math.max(written, added.body.position as number);
      cases.push(id);
    }
    const [cilla, dan] = cases;
    // Written through the API, not the page: the meetings list is asked once the read model has them.
    await web.api.http.get(`/api/v1/meetings?minPosition=${written}`).set(pl).expect(200);

    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Möten' }).click();
    await page.getByRole('link', { name: `Möte ${longDate(date)}` }).click();
    await page.getByRole('article', { name: `1. Ärende ${ref(cilla)}` }).waitFor();
    await page.getByRole('article', { name: `2. Ärende ${ref(dan)}` }).waitFor();
    await page.getByText('Ordna dagordningen med Flytta upp och Flytta ned.', { exact: false }).waitFor();
    expect(await page.getByText('Ordningen följer regeln').count()).toBe(0);
    // At the edges the button that would leave the agenda is off.
    expect(await page.getByRole('button', { name: `Flytta upp ärende ${ref(cilla)}` }).isDisabled()).toBe(
      true,
    );
    expect(await page.getByRole('button', { name: `Flytta ned ärende ${ref(dan)}` }).isDisabled()).toBe(true);

    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    // Dan up, by keyboard: he is first, the focus stays with him (on Flytta ned, Flytta upp is off now).
    await page.getByRole('button', { name: `Flytta upp ärende ${ref(dan)}` }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `Ärende ${ref(dan)} flyttat till plats 1` })
      .waitFor();
    await page.getByRole('article', { name: `1. Ärende ${ref(dan)}` }).waitFor();
    await page.getByRole('article', { name: `2. Ärende ${ref(cilla)}` }).waitFor();
    expect(await focusedName()).toBe(`Flytta ned ärende ${ref(dan)}`);
    // Down again with Space, and up once more with Enter: the focus follows him each time.
    await page.keyboard.press('Space');
    await page
      .getByRole('status')
      .filter({ hasText: `Ärende ${ref(dan)} flyttat till plats 2` })
      .waitFor();
    await page.getByRole('article', { name: `2. Ärende ${ref(dan)}` }).waitFor();
    expect(await focusedName()).toBe(`Flytta upp ärende ${ref(dan)}`);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `Ärende ${ref(dan)} flyttat till plats 1` })
      .waitFor();
    await page.getByRole('article', { name: `1. Ärende ${ref(dan)}` }).waitFor();
    expect(await focusedName()).toBe(`Flytta ned ärende ${ref(dan)}`);
    const titles = await page.getByRole('heading', { level: 3, name: /^\d\. Ärende / }).allTextContents();
    expect(titles).toEqual([`1. Ärende ${ref(dan)}`, `2. Ärende ${ref(cilla)}`]);
    await screen(page, 'mote-dagordning-ordnad');

    // The API and the protocol keep the order.
    const view = await web.api.http.get(`/api/v1/meetings/${meetingId}`).set(pl).expect(200);
    expect(view.body.agenda.map((a: { caseId: string }) => a.caseId)).toEqual([dan, cilla]);
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await page.getByRole('article', { name: `§ 1 Ärende ${ref(dan)}` }).waitFor();
    await page.getByRole('article', { name: `§ 2 Ärende ${ref(cilla)}` }).waitFor();
    await screen(page, 'protokoll-ordnad');
    await context.close();
  });
});
