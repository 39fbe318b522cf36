import type { Page } from 'playwright-core';
import { initiation } from '../support/fixtures';
import { screen, signInAs, startWebApp, type WebApp } from '../support/browser';

// A personnummer with a valid check digit, made up for the test.
const PNR = '19850312-1231';
const NAME = 'Karin Testsson';

describe('cases in the browser: the list, a case, the new-case form and the action forms', () => {
  let web: WebApp;
  let processledare: string;
  let caseId: string;

  beforeAll(async () => {
    web = await startWebApp();
    processledare = await web.api.token({
      tenant: 'demo',
      roles: ['processledare'],
      sub: 'demo-processledare',
    });
  });
  afterAll(() => web?.close());

  async function caseVersion(id: string): Promise<number> {
    const res = await web.api.http
      .get(`/api/v1/cases/${id}`)
      .set('Authorization', `Bearer ${processledare}`)
      .expect(200);
    return (res.body as { version: number }).version;
  }

  async function accept(id: string): Promise<void> {
    await web.api.http
      .post(`/api/v1/cases/${id}/accept`)
      .set('Authorization', `Bearer ${processledare}`)
      .send({})
      .expect(200);
  }

  /** Navigates inside the app: the token lives in memory only, so a page load would sign out. */
  async function goInApp(page: Page, path: string): Promise<void> {
    await page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }

  async function fillNewCase(page: Page): Promise<void> {
    await page.getByLabel('Dokumentreferens i ert system').fill('Procapita 4711');
    const scope = page.getByRole('group', { name: 'Får delas med' });
    await scope.getByLabel('Arbetsförmedlingen').check();
    await scope.getByLabel('Regionen').check();
    await page.getByLabel('Personnummer eller samordningsnummer').fill(PNR);
    await page.getByLabel(/^Namn/).fill(NAME);
    await page.getByLabel(/^Kön/).selectOption('KVINNA');
    await page
      .getByRole('group', { name: /Övriga parter som behövs/ })
      .getByLabel('Arbetsförmedlingen')
      .check();
    await page.getByLabel('Frågeställning').fill('Hur kan Karin komma närmare arbete?');
    await page.getByLabel('Behovsanalys').fill('Stöd från psykiatrin och en arbetsförmedlare på AMT.');
    await page.getByLabel('Försörjning vid start').selectOption('FORSORJNINGSSTOD');
    await page.getByRole('group', { name: 'Målgrupper' }).getByLabel('Långtidsbidragstagare').check();
  }

  it('given a handläggare at the kommun, when they initiate a case through Nytt ärende, then it opens, is under Mina ärenden, and once accepted a SIP requested through the form shows on the case', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Johan Ekström');
    await page.getByRole('heading', { name: 'Mina ärenden', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Nytt ärende' }).click();
    await page.getByRole('heading', { name: 'Nytt ärende', level: 1 }).waitFor();
    await fillNewCase(page);
    // A typing mistake in the personnummer is caught before anything is sent.
    await page.getByLabel('Personnummer eller samordningsnummer').fill('19850312-1232');
    await page.getByRole('button', { name: 'Initiera ärendet' }).click();
    await page.getByText('Kontrollsiffran stämmer inte').waitFor();
    await page.getByLabel('Personnummer eller samordningsnummer').fill(PNR);
    await screen(page, 'nytt-arende');
    await page.getByRole('button', { name: 'Initiera ärendet' }).click();

    await page.getByRole('heading', { name: /^Ärende [0-9A-F]{8}$/, level: 1 }).waitFor();
    caseId = /\/arenden\/([0-9a-f-]{36})$/.exec(page.url())![1];
    expect(page.url()).not.toContain('19850312');
    await page.getByText(NAME).first().waitFor();

    // Mina ärenden: a new case has no ärendebärare yet, so it waits under the party's cases.
    await page.getByRole('link', { name: 'Mina ärenden' }).click();
    const awaiting = page.getByRole('region', { name: 'Väntar på ärendebärare' });
    await awaiting.getByRole('cell', { name: NAME }).waitFor();
    await screen(page, 'arenden-mina');

    await accept(caseId);
    await awaiting
      .getByRole('link', { name: /Öppna ärende/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /^Ärende /, level: 1 }).waitFor();
    await page.getByText('Mottaget, väntar på beredning').first().waitFor();
    await page.getByRole('button', { name: 'Begär SIP' }).click();
    const dialog = page.getByRole('dialog', { name: 'Begär SIP' });
    await dialog.getByLabel('Vem initierar SIP:en?').selectOption('SOCIALSEKRETERARE');
    await dialog.getByLabel('Ett förmöte har hållits med personen').check();
    await screen(page, 'arende-begar-sip');
    await dialog.getByRole('button', { name: 'Begär SIP' }).click();
    await dialog.waitFor({ state: 'detached' });

    const sips = page.getByRole('region', { name: 'SIP' });
    await sips.getByRole('heading', { name: /^Första SIP, begärd / }).waitFor();
    await sips.getByText('Begärd', { exact: true }).waitFor();
    await screen(page, 'arende');
    await context.close();
  });

  it('given that case, when the processledare opens it from the list, then the history shows what happened, when it was recorded and by whom', async () => {
    // The smaller of the two window sizes the screens are made for.
    const { page, context } = await web.newPage({ width: 1024, height: 768 });
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('link', { name: 'Ärenden', exact: true }).click();
    await page.getByRole('heading', { name: 'Ärenden', level: 1 }).waitFor();
    // The personnummer search stays out of the address.
    await page.getByLabel('Personnummer').first().fill(PNR);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('cell', { name: NAME }).waitFor();
    expect(page.url()).not.toContain('19850312');
    await screen(page, 'arenden');

    await page
      .getByRole('link', { name: /Öppna ärende/ })
      .first()
      .click();
    const history = page.getByRole('list', { name: 'Historik' });
    await history.getByText('Ärendet initierat').waitFor();
    await history.getByText('Ärendet mottaget').waitFor();
    await history.getByText('SIP begärd').waitFor();
    await page.getByText('19850312-1231').waitFor();
    await history
      .getByText(/Handläggare · Kommunen · demo-handlaggare-kommun/)
      .first()
      .waitFor();
    await history
      .getByText(/Registrerat: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
      .first()
      .waitFor();
    await screen(page, 'arende-historik');
    await context.close();
  });

  it('given the requested SIP, when the handläggare records it as held with a plan of two rows put in order, then the case shows the plan', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Johan Ekström');
    await goInApp(page, `/arenden/${caseId}`);
    await page.getByRole('button', { name: /^Registrera hållen SIP: Första SIP/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Registrera hållen SIP/ });
    const attendees = dialog.getByRole('group', { name: 'Närvarande parter' });
    await attendees.getByLabel('Kommunen').check();
    await attendees.getByLabel('Regionen').check();
    // Sent empty, the plan row's fields say what is missing.
    await dialog.getByRole('button', { name: 'Registrera hållen SIP' }).click();
    await dialog.getByText('Fyll i det här fältet.').first().waitFor();
    const row1 = dialog.getByRole('group', { name: 'Planrad 1' });
    await row1.getByLabel(/^Mål/).fill('Regelbunden kontakt med vården');
    await row1.getByLabel(/^Åtgärd/).fill('Besök hos psykolog varannan vecka');
    await row1.getByLabel(/^Ansvarig part/).selectOption('REGION');
    await dialog.getByRole('button', { name: 'Lägg till planrad' }).click();
    const row2 = dialog.getByRole('group', { name: 'Planrad 2' });
    await row2.getByLabel(/^Mål/).fill('Praktik');
    await row2.getByLabel(/^Åtgärd/).fill('Arbetsträning fyra timmar om dagen');
    await row2.getByLabel(/^Ansvarig part/).selectOption('KOMMUN');
    await dialog.getByRole('button', { name: 'Flytta upp planrad 2' }).click();
    expect(await dialog.getByRole('group', { name: 'Planrad 1' }).getByLabel(/^Mål/).inputValue()).toBe(
      'Praktik',
    );
    await screen(page, 'arende-sip-hallen');
    await dialog.getByRole('button', { name: 'Registrera hållen SIP' }).click();
    await dialog.waitFor({ state: 'detached' });

    const plan = page.getByRole('table', { name: 'Plan' });
    await plan.getByRole('cell', { name: 'Praktik' }).waitFor();
    const rows = await plan.getByRole('row').allTextContents();
    expect(rows[1]).toContain('Praktik');
    expect(rows[2]).toContain('Regelbunden kontakt med vården');
    await context.close();
  });

  it('given the case open in the browser, when someone else writes to it before the form is sent, then the form says it was changed by someone else, and after reloading it saves', async () => {
    const handlaggare = await web.api.token({
      tenant: 'demo',
      roles: ['handlaggare'],
      party: 'KOMMUN',
      sub: 'demo-handlaggare-kommun',
    });
    const created = await web.api.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${handlaggare}`)
      .send(initiation())
      .expect(201);
    const id = (created.body as { id: string }).id;
    await accept(id);

    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Maria Lindqvist');
    await goInApp(page, `/arenden/${id}`);
    await page.getByRole('heading', { name: /^Ärende /, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Begär SIP' }).click();
    const dialog = page.getByRole('dialog', { name: 'Begär SIP' });
    await dialog.getByLabel('Vem initierar SIP:en?').selectOption('PROCESSLEDARE');

    // Meanwhile, another write to the case.
    const before = await caseVersion(id);
    await web.api.http
      .post(`/api/v1/cases/${id}/sips`)
      .set('Authorization', `Bearer ${handlaggare}`)
      .set('If-Match', `"${before}"`)
      .send({ initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: false })
      .expect(201);

    await dialog.getByRole('button', { name: 'Begär SIP' }).click();
    await dialog.getByText(/ändrats av någon annan/).waitFor();
    await screen(page, 'arende-konflikt');
    await dialog.getByRole('button', { name: 'Ladda om' }).click();
    await dialog.getByText(/ändrats av någon annan/).waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Begär SIP' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'SIP' }).getByRole('heading', { level: 3 }).nth(1).waitFor();
    expect(await caseVersion(id)).toBe(before + 2);
    await context.close();
  });
});
