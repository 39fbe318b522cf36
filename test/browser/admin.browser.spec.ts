import { readFileSync } from 'node:fs';
import { initiation } from '../support/fixtures';
import { screen, signInAs, startWebApp, type WebApp } from '../support/browser';

describe('the administration in the browser', () => {
  let web: WebApp;
  let admin: string;
  let caseId: string;
  beforeAll(async () => {
    web = await startWebApp();
    admin = await web.api.token({ tenant: 'demo', roles: ['admin'], sub: 'demo-admin' });
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
    caseId = created.body.id as string;
  });
  afterAll(() => web?.close());

  it('given an admin, when she adds an insats through the form, then it is listed and the API has it; each admin page passes axe', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Sofia Åberg');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await screen(page, 'admin');

    await page.getByRole('link', { name: 'Insatskatalog' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Insatskatalog' }).waitFor();
    await page.getByText('Katalogen är tom').waitFor();
    // The API's rule, checked in the form first.
    await page.getByRole('textbox', { name: 'Kod' }).fill('amt af');
    await page.getByRole('textbox', { name: 'Namn' }).fill('Arbetsförmedlare på AMT');
    await page.getByRole('button', { name: 'Lägg till insats' }).click();
    await page.getByText('Koden får bara innehålla versaler').waitFor();
    await page.getByRole('textbox', { name: 'Kod' }).fill('AMT_AF');
    await page.getByRole('combobox', { name: 'Part som ger insatsen' }).click();
    await page.getByRole('option', { name: 'Arbetsförmedlingen' }).click();
    await page.getByRole('button', { name: 'Lägg till insats' }).click();
    await page.getByText('Insatsen AMT_AF är sparad.').waitFor();
    const row = page.getByRole('row', { name: /AMT_AF/ });
    await row.getByRole('cell', { name: 'Arbetsförmedlare på AMT' }).waitFor();
    await row.getByRole('cell', { name: 'Arbetsförmedlingen' }).waitFor();
    const listed = await web.api.http
      .get('/api/v1/admin/insatser')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(listed.body.items).toEqual([
      { code: 'AMT_AF', name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN', active: true },
    ]);

    // Editing keeps the code and can retire the insats.
    await page.getByRole('button', { name: 'Ändra AMT_AF' }).click();
    await page.getByRole('heading', { name: 'Ändra insats AMT_AF' }).waitFor();
    await page.getByRole('checkbox', { name: /Aktiv/ }).uncheck();
    await page.getByRole('button', { name: 'Spara insatsen' }).click();
    await row.getByText('Avvecklad').waitFor();
    await screen(page, 'admin-insatser');
    await context.close();
  });

  it('given an admin, when she changes a setting, then it is saved and the API answers the new value', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Sofia Åberg');
    await page.getByRole('link', { name: 'Inställningar' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Inställningar' }).waitFor();
    const weeks = page.getByRole('textbox', { name: 'Ingen aktivitet: veckor' });
    await weeks.fill('200');
    await page.getByRole('button', { name: 'Spara inställningarna' }).click();
    await page.getByText('Ange ett heltal från 1 till 104.').waitFor();
    await weeks.fill('10');
    await page.getByRole('checkbox', { name: 'Ingen fast mötesrytm' }).uncheck();
    await page.getByRole('combobox', { name: 'Veckodag' }).click();
    await page.getByRole('option', { name: 'Tisdag' }).click();
    await page.getByRole('textbox', { name: 'Starttid (TT:MM)' }).fill('09:00');
    await page.getByRole('button', { name: 'Spara inställningarna' }).click();
    await page.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor();
    const got = await web.api.http
      .get('/api/v1/admin/settings')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(got.body.settings).toMatchObject({
      stagnationWeeks: 10,
      meetingCadence: { weekday: 'TUESDAY', time: '09:00', intervalWeeks: 1 },
    });
    await screen(page, 'admin-installningar');

    // Another admin changes a setting meanwhile: the stale version is refused, and Ladda om shows theirs.
    await web.api.http
      .put('/api/v1/admin/settings')
      .set('Authorization', `Bearer ${admin}`)
      .send({ retentionMonths: 36 })
      .expect(200);
    await page.getByRole('textbox', { name: 'Samtycke går ut: dagar framåt' }).fill('45');
    await page.getByRole('button', { name: 'Spara inställningarna' }).click();
    await page.getByRole('alert').filter({ hasText: 'Inställningarna har ändrats av någon annan' }).waitFor();
    await page.getByRole('button', { name: 'Ladda om' }).click();
    await page.getByRole('alert').waitFor({ state: 'detached' });
    expect(await page.getByRole('textbox', { name: 'Gallring: månader efter avslut' }).inputValue()).toBe(
      '36',
    );
    expect(await page.getByRole('textbox', { name: 'Samtycke går ut: dagar framåt' }).inputValue()).toBe(
      '30',
    );

    await page.getByRole('link', { name: 'Parter och enheter' }).first().click();
    const kommun = page.getByRole('region', { name: 'Kommunen' });
    await kommun.getByRole('button', { name: 'Lägg till enhet' }).click();
    await kommun.getByRole('textbox', { name: 'Kod (enhet 1)' }).fill('VUXENSTOD');
    await kommun.getByRole('textbox', { name: 'Namn (enhet 1)' }).fill('Vuxenstöd');
    await kommun.getByRole('button', { name: 'Lägg till enhet' }).click();
    await kommun.getByRole('textbox', { name: 'Kod (enhet 2)' }).fill('EKONOMISKT_BISTAND');
    await kommun.getByRole('textbox', { name: 'Namn (enhet 2)' }).fill('Ekonomiskt bistånd');
    await kommun.getByRole('button', { name: 'Flytta upp enhet 2' }).click();
    await kommun.getByRole('button', { name: 'Spara enheter för Kommunen' }).click();
    await kommun.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor();
    const units = await web.api.http
      .get('/api/v1/admin/settings')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(units.body.units.KOMMUN).toEqual([
      { code: 'EKONOMISKT_BISTAND', name: 'Ekonomiskt bistånd' },
      { code: 'VUXENSTOD', name: 'Vuxenstöd' },
    ]);

    for (const [link, name] of [
      ['Parter och enheter', 'admin-parter'],
      ['Webhookar', 'admin-webhookar'],
      ['Misslyckade jobb', 'admin-jobb'],
    ]) {
      await page.getByRole('link', { name: link }).first().click();
      await page.getByRole('heading', { level: 1, name: link }).waitFor();
      await page.locator('[role=status][aria-live=polite]').first().waitFor({ state: 'detached' });
      await screen(page, name);
    }
    await context.close();
  });

  it('given a case, when the admin filters the audit log by its id, then only its entries are listed (at 1024×768)', async () => {
    const { page, context } = await web.newPage({ width: 1024, height: 768 });
    await signInAs(page, web.url, 'Sofia Åberg');
    await page.getByRole('link', { name: 'Granskningslogg' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
    await page.getByRole('columnheader', { name: 'Tidpunkt' }).waitFor();
    await page.getByRole('textbox', { name: 'Ärende-id' }).fill(caseId);
    await page.getByRole('button', { name: 'Filtrera' }).click();
    const ref = caseId.slice(0, 8).toUpperCase();
    await page.getByText('Visar 1 av 1').waitFor();
    const row = page.getByRole('row', { name: new RegExp(ref) });
    await row.getByRole('cell', { name: 'demo-handlaggare-kommun' }).waitFor();
    await row.getByRole('cell', { name: 'POST /api/v1/cases' }).waitFor();
    // Every match as CSV, from the API's text/csv answer.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportera CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('granskningslogg.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('at,actor,roles,party,action,route,status,caseId,personId,requestId');
    expect(csv.filter((line) => line.includes(caseId))).toHaveLength(1);
    await page.getByText('1 rad exporterad till granskningslogg.csv.').waitFor();
    // The filter stays in the screen: never in the address bar.
    expect(page.url()).not.toContain(caseId);
    await screen(page, 'admin-logg');
    await context.close();
  });
});
