import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// What must never be found in clear in the store: the name, the personnummer in any spelling,
// and the free text about the person.
const SECRETS = ['Anna Andersson', '199001010017', '19900101-0017', '900101-0017', '9001010017', 'ångest', 'Komplettera med psykiatrins bedömning'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

async function recordSomeHistory(t: TestApp): Promise<string> {
  const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN' });
  const pl = await t.token({ roles: ['processledare'] });
  const created = await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${soc}`).send(initiation()).expect(201);
  const id = created.body.id;
  await t.http
    .post(`/api/v1/cases/${id}/return`)
    .set('Authorization', `Bearer ${pl}`)
    .send({ reason: 'Komplettera med psykiatrins bedömning' })
    .expect(200);
  await t.http.post(`/api/v1/cases/${id}/resubmit`).set('Authorization', `Bearer ${soc}`).send({ needs: 'Anna Andersson behöver stöd' }).expect(200);
  // The clear text is there for those allowed to read it…
  const view = await t.http.get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${pl}`).expect(200);
  expect(view.body.person.name).toBe('Anna Andersson');
  return id;
}

describe('personal data is never in clear at rest', () => {
  it('PostgreSQL: no table of the schema holds the name, the personnummer or the free text', async () => {
    const t = await startTestApp({ store: 'postgres' });
    try {
      await recordSomeHistory(t);
      const tables = await t.db.sql.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
        [t.db.schema],
      );
      expect(tables.rows.length).toBeGreaterThan(3);
      let rowsSearched = 0;
      for (const { table_name } of tables.rows) {
        const { rows } = await t.db.sql.query<{ r: string }>(`SELECT t::text AS r FROM ${t.db.schema}.${table_name} t`);
        rowsSearched += rows.length;
        for (const { r } of rows) for (const secret of SECRETS) expect(r).not.toContain(secret);
      }
      expect(rowsSearched).toBeGreaterThan(3);
    } finally {
      await t.close();
    }
  });

  it('embedded store: no file in DATA_DIR holds them', async () => {
    // The product's default: PGlite on disk in DATA_DIR (not the tests' in-memory one).
    const t = await startTestApp({ store: 'postgres', env: { DATABASE_URL: '' } });
    const dataDir = t.config.dataDir;
    try {
      await recordSomeHistory(t);
    } finally {
      await t.app.close();
    }
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.includes('pglite'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const secret of SECRETS) {
        expect({ file: f, found: bytes.includes(Buffer.from(secret, 'utf8')) }).toEqual({ file: f, found: false });
      }
    }
    await t.close().catch(() => undefined);
  });
});
