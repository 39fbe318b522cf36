import { initiation } from '../support/fixtures';
import { screen, signInAs, startWebApp, type WebApp } from '../support/browser';

describe('the processledare’s work queue in the browser', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
    const handlaggare = await web.api.token({
      tenant: 'demo',
      roles: ['handlaggare'],
      party: 'KOMMUN',
      sub: 'demo-handlaggare-kommun',
    });
    for (const name of ['Anna Andersson', 'Bo Berg']) {
      await web.api.http
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${handlaggare}`)
        .send(initiation({ person: { personnummer: '19900101-0017', name, gender: 'KVINNA' } }))
        .expect(201);
    }
  });
  afterAll(() => web?.close());

  it('the development sign-in page lists the demo users by name, role and party', async () => {
    const { page, context } = await web.newPage();
    await page.goto(web.url);
    await page.getByRole('button', { name: 'Logga in som Maria Lindqvist' }).waitFor();
    expect(await page.getByRole('button', { name: /^Logga in som / }).count()).toBe(11);
    await page.getByText('Handläggare · Arbetsförmedlingen').waitFor();
    await screen(page, 'inloggning');
    await context.close();
  });

  it('given two new cases, when the processledare signs in, then the queue shows them under Nya ärenden, and the screen passes axe', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('heading', { name: 'Arbetskö' }).waitFor();
    await page.getByRole('button', { name: 'Nya ärenden 2' }).click();
    const rows = page.getByRole('table').getByRole('row');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3); // the header and the two cases
    await screen(page, 'arbetsko');
    await context.close();
  });

  it('when the processledare takes in one case from the queue, then it leaves Nya ärenden for Väntar på beredning; the other is returned with a reason', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('button', { name: 'Nya ärenden 2' }).click();
    await page
      .getByRole('button', { name: /^Ta emot / })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Hur kan Anna komma närmare arbete').first().waitFor();
    await screen(page, 'arbetsko-mottagning');
    await dialog.getByRole('button', { name: 'Ta emot ärendet' }).click();
    await page.getByRole('button', { name: 'Nya ärenden 1' }).waitFor();
    await page.getByRole('button', { name: 'Väntar på beredning 1' }).waitFor();

    await page
      .getByRole('button', { name: /^Ta emot / })
      .first()
      .click();
    await dialog.getByRole('button', { name: 'Återsänd för komplettering' }).click();
    await dialog.getByRole('button', { name: 'Återsänd', exact: true }).click();
    await dialog.getByText('Fyll i det här fältet.').waitFor(); // the reason is required
    await dialog.getByLabel('Vad behöver kompletteras?').fill('Behovsanalysen saknar psykiatrins bedömning.');
    await dialog.getByRole('button', { name: 'Återsänd', exact: true }).click();
    await page.getByRole('button', { name: 'Nya ärenden 0' }).waitFor();
    await context.close();
  });
});
