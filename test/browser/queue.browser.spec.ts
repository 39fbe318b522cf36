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

  it('given two new cases, when the processledare signs in, then the queue shows them under Nya ärenden, and the screen passes axe', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('heading', { name: 'Arbetskö' }).waitFor();
    await page.getByRole('tab', { name: /Nya ärenden, 2 st/ }).waitFor();
    await page.getByRole('tab', { name: /Nya ärenden/ }).click();
    await page
      .getByRole('link', { name: /Öppna ärendet/ })
      .nth(1)
      .waitFor();
    expect(await page.getByRole('link', { name: /Öppna ärendet/ }).count()).toBe(2);
    await screen(page, 'arbetsko');
    await context.close();
  });
});
