import type { Party, Role } from '@app/case-domain';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { personnummer } from '../support/deadlines';
import { initiation } from '../support/fixtures';
import { screen, signInAs, startWebApp, type WebApp } from '../support/browser';

// Statistik (DOMAIN.md §9, docs/statistics.md §1–§5, §14, §17) in the browser: cases with insatser
// started and ended this year and last year, recorded through the API in the demo tenant; the
// manager sees small numbers as "<5", the processledare the plain counts.

type Gender = 'KVINNA' | 'MAN';
interface Participation {
  gender: Gender;
  code: 'ENTER' | 'NOVA';
  startedOn: string;
  end?: { on: string; reason: 'ARBETE' | 'STUDIER' };
}

const year = new Date().getFullYear();
const last = year - 1;
const times = (n: number, f: (i: number) => Participation) => Array.from({ length: n }, (_, i) => f(i));

/** This year: Enter 7 women and 2 men (one of each ended), NOVA 5 men. Last year: Enter 6 women, 3 men, all ended. */
const PARTICIPATIONS: Participation[] = [
  ...times(7, (i) => ({
    gender: 'KVINNA',
    code: 'ENTER',
    startedOn: `${year}-02-1${i}`,
    ...(i === 0 ? { end: { on: `${year}-05-10`, reason: 'ARBETE' as const } } : {}),
  })),
  ...times(2, (i) => ({
    gender: 'MAN',
    code: 'ENTER',
    startedOn: `${year}-02-2${i}`,
    ...(i === 0 ? { end: { on: `${year}-05-12`, reason: 'STUDIER' as const } } : {}),
  })),
  ...times(5, (i) => ({ gender: 'MAN', code: 'NOVA', startedOn: `${year}-03-1${i}` })),
  ...times(9, (i) => ({
    gender: i < 6 ? 'KVINNA' : 'MAN',
    code: 'ENTER',
    startedOn: `${last}-02-1${i}`,
    end: { on: `${last}-11-1${i}`, reason: i % 2 ? 'STUDIER' : 'ARBETE' },
  })),
];

/** The texts of a table row's cells after its row header. */
async function cells(row: Locator): Promise<string[]> {
  return (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
}

describe('Statistik in the browser', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
    const token = (roles: Role[], sub: string, party?: Party) =>
      web.api.token({ tenant: 'demo', roles, sub, ...(party ? { party } : {}) });
    const admin = await token(['admin'], 'demo-admin');
    const handlaggare = await token(['handlaggare'], 'demo-handlaggare-kommun', 'KOMMUN');
    const processledare = await token(['processledare'], 'demo-processledare');
    let position = 0;
    const post = async (path: string, bearer: string, body: object) => {
      const res = await web.api.http.post(path).set('Authorization', `Bearer ${bearer}`).send(body);
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      if (typeof res.body.position === 'number') position = Math.max(position, res.body.position);
      return res.body;
    };
    for (const [code, name, party] of [
      ['ENTER', 'Enter', 'KOMMUN'],
      ['NOVA', 'NOVA', 'REGION'],
    ]) {
      await web.api.http
        .put(`/api/v1/admin/insatser/${code}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ name, party })
        .expect((r) => expect([200, 201]).toContain(r.status));
    }
    const record = async (p: Participation, serial: number) => {
      const initiatedOn = `${p.startedOn.slice(0, 8)}01`;
      const { id } = await post(
        '/api/v1/cases',
        handlaggare,
        initiation({
          person: { personnummer: personnummer('19850312', serial), name: 'Test Testsson', gender: p.gender },
          consent: {
            givenBy: 'PERSON',
            givenOn: initiatedOn,
            form: 'SKRIFTLIG',
            scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN', 'REGION'],
          },
          initiatedOn,
        }),
      );
      await post(`/api/v1/cases/${id}/accept`, processledare, { acceptedOn: initiatedOn });
      const { insatsId } = await post(`/api/v1/cases/${id}/insatser`, processledare, {
        insatsCode: p.code,
        startedOn: p.startedOn,
      });
      if (p.end)
        await post(`/api/v1/cases/${id}/insatser/${insatsId}/end`, processledare, {
          endedOn: p.end.on,
          reason: p.end.reason,
          ...(p.end.reason === 'ARBETE' ? { subtype: 'OSUBVENTIONERAD' } : {}),
        });
    };
    for (let i = 0; i < PARTICIPATIONS.length; i += 4)
      await Promise.all(PARTICIPATIONS.slice(i, i + 4).map((p, j) => record(p, 100 + i + j)));
    // The screens read without a position: the statistics have taken in every write before they open.
    await web.api.http
      .get(`/api/v1/statistics/participants?from=${last}-01-01&to=${year}-12-31&minPosition=${position}`)
      .set('Authorization', `Bearer ${processledare}`)
      .expect(200);
  }, 300_000);
  afterAll(() => web?.close());

  it('the manager sees Deltagare per insats for this year with "<5" for counts 1–4, compares with last year and downloads the CSV', async () => {
    const { page, context } = await web.newPage();
    await signInAs(page, web.url, 'Anders Wallin');
    await page.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /^Deltagare per insats/ });
    const enter = table.getByRole('row', { name: /^Enter/ });
    await enter.waitFor();
    // Kvinnor, Män, Annat, Deltagare, Varav nya, Avslutade, Arbete eller studier
    const [, man, annat] = await cells(enter);
    expect(man).toBe('<5');
    expect(annat).toBe('0');
    expect(await cells(table.getByRole('row', { name: /^NOVA/ }))).toEqual(expect.arrayContaining(['0']));
    await page.getByText('<5 betyder 1–4 personer').waitFor();
    await screen(page, 'statistik-chef');

    const compare = page.getByRole('switch', { name: 'Jämför med samma period föregående år' });
    await compare.focus();
    await page.keyboard.press('Space');
    await table
      .getByText(`${year - 1}`, { exact: false })
      .first()
      .waitFor();
    await enter.getByRole('cell').first().getByText(/ \(/).waitFor();
    for (const cell of await cells(enter)) expect(cell).toMatch(/^(\d+|<5|–) \((\d+|<5|–)\)$/);
    await screen(page, 'statistik-chef-jamforelse', { fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`deltagare-${year}-01-01-${year}-12-31.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(
      /^from,to,insatsCode,name,participants\.total,participants\.kvinna,/,
    );
    expect(csv).toContain(`${year}-01-01,${year}-12-31,ENTER,Enter,`);
    expect(csv).toContain(`${last}-01-01,${last}-12-31,ENTER,Enter,`); // the compared period's lines
    expect(csv).toContain('<5');

    // Rapport till styrelsen: last year with the year before, one click, as a workbook (§22).
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Helår ${last} som Excel` }).click(),
    ]);
    expect(workbook.suggestedFilename()).toBe(
      `deltagare-${last}-01-01-${last}-12-31-${last - 1}-01-01-${last - 1}-12-31.xlsx`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await workbook.path())!);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Deltagare', 'Utfall', 'Definitioner']);
    const sheet = book.getWorksheet('Deltagare')!;
    const header = sheet.getRow(4).values as ExcelJS.CellValue[];
    let enterRow: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(1).value === 'Enter') enterRow = r;
    });
    // Last year Enter had 6 women and 3 men: the manager's workbook shows the 9 as a number, the 3 as
    // "<5" and withholds the 6 ("–"), which with the 9 would give the 3 back (§14).
    const at = (column: string) => enterRow!.getCell(header.indexOf(column)).value;
    expect([at(`Deltagare ${last}`), at(`Män ${last}`), at(`Kvinnor ${last}`)]).toEqual([9, '<5', '–']);
    expect(at(`Deltagare ${last - 1}`)).toBe(0);
    await context.close();
  });

  it('the processledare sees the plain numbers, also at 1024×768', async () => {
    const { page, context } = await web.newPage({ width: 1024, height: 768 });
    await signInAs(page, web.url, 'Maria Lindqvist');
    await page.getByRole('link', { name: 'Statistik' }).click();
    const table = page.getByRole('table', { name: /^Deltagare per insats/ });
    const enter = table.getByRole('row', { name: /^Enter/ });
    await enter.waitFor();
    expect(await cells(enter)).toEqual(['7', '2', '0', '9', '9', '2', '2']);
    expect(await cells(table.getByRole('row', { name: /^NOVA/ }))).toEqual([
      '0',
      '5',
      '0',
      '5',
      '5',
      '0',
      '0',
    ]);
    expect(await cells(table.getByRole('row', { name: /^Totalt/ }))).toEqual([
      '7',
      '7',
      '0',
      '14',
      '14',
      '2',
      '2',
    ]);
    expect((await cells(table.getByRole('row', { name: /^Unika personer/ }))).slice(0, 4)).toEqual([
      '7',
      '7',
      '0',
      '14',
    ]);
    expect(await page.getByText('<5').count()).toBe(0);
    const outcomes = page.getByRole('table', { name: /^Utfall per insats/ });
    expect(await cells(outcomes.getByRole('row', { name: /^Arbete eller studier/ }))).toEqual([
      '2',
      '0',
      '2',
    ]);
    // Days from initiation (the 1st of the month) to the first insats: 9–15, 19, 20 and 9–13.
    const leadTimes = page.getByRole('table', { name: /^Ledtider i dagar/ });
    expect(await cells(leadTimes.getByRole('row', { name: /^Första insats/ }))).toEqual(['14', '12', '19']);
    expect(await cells(leadTimes.getByRole('row', { name: /^Avslut/ }))).toEqual(['0', '–', '–']);
    await screen(page, 'statistik-processledare', { fullPage: true });

    await page.getByRole('radio', { name: 'Delår (1 jan – 30 jun)' }).check();
    await table.getByText(`${year}-06-30`).waitFor();
    await page.getByRole('radio', { name: 'Egen period' }).check();
    await page.getByLabel('Från och med').fill(`${year}-12-01`);
    await page.getByLabel('Till och med').fill(`${year}-11-01`);
    await page.getByText('Ange två datum där slutdatumet inte är före startdatumet.').waitFor();

    // The chosen period as a page to print: a window of its own with the report and its footnotes.
    await page.getByRole('radio', { name: 'Kalenderår' }).check();
    const [printable] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Vald period att skriva ut' }).click(),
    ]);
    await printable
      .getByRole('heading', { name: `Deltagare och utfall per insats ${year}`, level: 1 })
      .waitFor();
    const enterRow = printable
      .getByRole('table', { name: /^Deltagare per insats/ })
      .getByRole('row', { name: /^Enter/ });
    expect((await cells(enterRow)).slice(0, 4)).toEqual(['7', '2', '0', '9']);
    await printable.getByRole('heading', { name: 'Definitioner' }).waitFor();
    await screen(printable, 'rapport-utskrift', { fullPage: true });
    await context.close();
  });
});
