import { randomUUID } from 'node:crypto';
import type { SqlClient } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import type { AppConfig } from '@app/runtime';
import { type AuditEntry, AuditLog } from './audit-log';

// The audit log on the real PostgreSQL: entries of requests that end together share a statement,
// and a request is answered only once its own entries are committed.

describe('audit log writes', () => {
  let db: TestDatabase;
  let statements: number;
  let reads: string[] = [];
  let log: AuditLog;

  const entry = (caseId: string): AuditEntry => ({
    at: new Date('2026-06-15T10:00:00Z'),
    tenant: 'torget',
    actor: 'pl-1',
    roles: ['processledare'],
    action: 'get-case.get',
    route: 'GET /api/v1/cases/:id',
    status: 200,
    caseId,
  });
  const logged = async () =>
    (await db.sql.query<{ case_id: string }>('SELECT case_id FROM audit_log ORDER BY id')).rows.map(
      (r) => r.case_id,
    );

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const counting: SqlClient = {
      ...db.sql,
      query: (text, params) => {
        if (text.includes('INSERT INTO audit_log')) statements++;
        else if (text.includes('FROM audit_log')) reads.push(text);
        return db.sql.query(text, params);
      },
    };
    log = new AuditLog(counting, { timeZone: 'Europe/Stockholm' } as AppConfig);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('twenty requests ending at once: every entry committed when its request is answered, in a few statements', async () => {
    statements = 0;
    const ids = Array.from({ length: 20 }, () => randomUUID());
    await Promise.all(ids.map((id) => log.record([entry(id)])));
    expect((await logged()).sort()).toEqual([...ids].sort());
    // They gather while the first statement waits for its turn: one or two carry all twenty.
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThanOrEqual(2);
  });

  it('a request whose entries the database refuses fails alone; the others sharing its statement are recorded', async () => {
    const before = (await logged()).length;
    const good = [randomUUID(), randomUUID(), randomUUID()];
    const results = await Promise.allSettled([
      log.record([entry(good[0])]),
      log.record([entry(good[1])]),
      log.record([entry('not-a-case-id')]),
      log.record([entry(good[2])]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const after = await logged();
    expect(after).toHaveLength(before + 3);
    expect(after.slice(before).sort()).toEqual([...good].sort());
  });

  it('reads a page and its total in one statement, so they agree while entries are written', async () => {
    reads = [];
    const all = (await logged()).length;
    const page = await log.query({ tenant: 'torget', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(all);
    expect(reads).toHaveLength(1);
    // An empty page still says how many there are.
    expect(await log.query({ tenant: 'torget', actor: 'nobody', limit: 2 })).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    });
  });
});
