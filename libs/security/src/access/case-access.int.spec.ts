import { randomUUID } from 'node:crypto';
import { SqlEventStore, type SqlClient } from '@app/event-store';
import { PROJECTIONS, projectionSubscription } from '@app/read-models';
import { systemClock, type AppConfig } from '@app/runtime';
import { actors, initiated, initiateCommand } from '../../../case-domain/src/testing/fixtures';
import { createTestDatabase, type Driver, type TestDatabase } from '../../../../test/support/database';
import { CaseAccess } from './case-access';

// DOMAIN.md §10: whether a case's person has skyddade personuppgifter is asked on every case write
// by a caller other than the processledare. Asked by many writes at once, it is one statement.
describe.each<Driver>(['postgres', 'pglite'])('the protected-person check (%s)', (driver) => {
  let db: TestDatabase;
  let statements = 0;
  const protectedPerson = randomUUID();
  const plainPerson = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    const store = new SqlEventStore(db.sql);
    const cases = projectionSubscription(store, PROJECTIONS.find((p) => p.name === 'cases')!, 100);
    await cases.loadCheckpoint();
    for (const [personId, protectedIdentity] of [
      [protectedPerson, true],
      [plainPerson, false],
    ] as const) {
      const caseId = randomUUID();
      await store.append(
        `case-${caseId}`,
        initiated({ caseId, person: { ...initiateCommand().person, personId, protectedIdentity } }).map((e) => ({
          type: e.type,
          data: e.data,
          metadata: { tenant: 'tenant-1', actor: actors.kommun, correlationId: randomUUID() },
        })),
        { expectedVersion: 'no_stream', tenant: 'tenant-1', streamType: 'case' },
      );
    }
    await cases.catchUp();
  });
  afterAll(async () => {
    await db.dispose();
  });

  function access(): CaseAccess {
    const counting: SqlClient = {
      ...db.sql,
      kind: db.sql.kind,
      query: (text, params, options) => {
        statements++;
        return db.sql.query(text, params, options);
      },
    };
    return new CaseAccess(counting, systemClock, { timeZone: 'Europe/Stockholm' } as AppConfig);
  }

  it('checks made at once share a statement, and each answers for its own person and torg', async () => {
    const checks = access();
    const asked: [string, string, boolean][] = [
      ['tenant-1', protectedPerson, true],
      ['tenant-1', plainPerson, false],
      ['tenant-1', randomUUID(), false],
      ['tenant-2', protectedPerson, false], // protection holds in the torg where the case is
    ];
    const many = Array.from({ length: 5 }, () => asked).flat();
    statements = 0;
    const answers = await Promise.all(many.map(([tenant, personId]) => checks.personProtected(tenant, personId)));
    expect(answers).toEqual(many.map(([, , expected]) => expected));
    expect(statements).toBeLessThan(many.length);
    for (const [tenant, personId, expected] of asked) {
      expect(await checks.personProtected(tenant, personId)).toBe(expected);
    }
  });

  it('a check inside an open transaction fails at once', async () => {
    const checks = access();
    await db.sql.transaction(async () => {
      await expect(checks.personProtected('tenant-1', plainPerson)).rejects.toThrow(/outside the open transaction/);
    });
  });
});
