import { randomUUID } from 'node:crypto';
import { SqlEventStore, type SqlClient } from '@app/event-store';
import { PROJECTIONS, projectionSubscription } from '@app/read-models';
import { systemClock, type AppConfig } from '@app/runtime';
import { type ExistingCase } from '@app/case-domain';
import { accepted, actors, decided, fold, initiated, initiateCommand } from '../../../case-domain/src/testing/fixtures';
import { createTestDatabase, type Driver, type TestDatabase } from '../../../../test/support/database';
import type { Principal } from '../auth/principal';
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

  it('a case write asks about the person only when the answer depends on it', async () => {
    const checks = access();
    // A second case of each person, itself initiated unprotected, owned by Arbetsförmedlingen.
    const caseOf = (personId: string) =>
      fold([
        ...initiated({ caseId: randomUUID(), person: { ...initiateCommand().person, personId } }),
        accepted(),
        decided('ARBETSFORMEDLINGEN'),
      ]) as ExistingCase;
    const as = (actor: { sub: string; roles: string[]; party?: string }) =>
      ({ ...actor, tenant: 'tenant-1' }) as Principal;
    const seen: [string, ExistingCase, boolean, number][] = [
      // The ärendebärare sees the case, protected or not, and the processledare sees every case.
      ['ärendebärare', caseOf(protectedPerson), true, 0],
      ['processledare', caseOf(protectedPerson), true, 0],
      // A party the case does not name sees nothing, protected or not.
      ['party not named', caseOf(protectedPerson), false, 0],
      // The initiator sees the case only while its person is not protected through another case.
      ['initiator', caseOf(protectedPerson), false, 1],
      ['initiator', caseOf(plainPerson), true, 1],
    ];
    const callers: Record<string, Principal> = {
      ärendebärare: as(actors.af),
      processledare: as(actors.processledare),
      'party not named': as(actors.fk),
      initiator: as(actors.kommun),
    };
    for (const [who, state, sees, asked] of seen) {
      statements = 0;
      expect([who, await checks.canSee(callers[who], state)]).toEqual([who, sees]);
      expect([who, statements]).toEqual([who, asked]);
    }
  });

  it('a check inside an open transaction fails at once', async () => {
    const checks = access();
    await db.sql.transaction(async () => {
      await expect(checks.personProtected('tenant-1', plainPerson)).rejects.toThrow(
        /outside the open transaction/,
      );
    });
  });
});
