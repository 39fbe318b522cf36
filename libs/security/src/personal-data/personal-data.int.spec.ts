import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { SqlClient } from '@app/event-store';
import { createTestDatabase, type Driver, type TestDatabase } from '../../../../test/support/database';
import { PersonalDataDecryptionError } from './envelope';
import { PersonRegistry } from './person-registry';
import { PersonalDataCipher, PersonalDataErasedError, PersonKeyNotFoundError } from './personal-data-cipher';

const PNR = '198112289874';

describe.each<Driver>(['postgres', 'pglite'])('personal data on %s', (driver) => {
  let db: TestDatabase;
  let sql: SqlClient;
  const masterKey = randomBytes(32);
  let cipher: PersonalDataCipher;
  let registry: PersonRegistry;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    sql = db.sql;
  });
  afterAll(() => db?.dispose());
  beforeEach(() => {
    cipher = new PersonalDataCipher(sql, masterKey);
    registry = new PersonRegistry(sql, masterKey, cipher);
  });

  describe('PersonalDataCipher', () => {
    it('given a person with a key, when a text is sealed and opened, then it round-trips and the database holds no plaintext', async () => {
      const personId = randomUUID();
      await cipher.createKey('torg-a', personId);
      await cipher.createKey('torg-a', personId); // idempotent
      const sealed = await cipher.seal('torg-a', personId, 'Anna Andersson');
      expect(sealed.startsWith(`pd1.${personId}.`)).toBe(true);
      expect(await new PersonalDataCipher(sql, masterKey).open('torg-a', personId, sealed)).toBe(
        'Anna Andersson',
      );
      const { rows } = await sql.query<{ wrapped_key: string }>(
        'SELECT wrapped_key FROM person_keys WHERE person_id = $1',
        [personId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].wrapped_key).toMatch(/^wk1\./);
    });

    it('given no key for the person, then sealing and opening are refused', async () => {
      await expect(cipher.seal('torg-a', randomUUID(), 'x')).rejects.toBeInstanceOf(PersonKeyNotFoundError);
    });

    it('keeps people and tenants apart', async () => {
      const a = randomUUID();
      const b = randomUUID();
      await cipher.createKey('torg-a', a);
      await cipher.createKey('torg-a', b);
      await cipher.createKey('torg-b', a);
      const sealed = await cipher.seal('torg-a', a, 'Anna');
      await expect(cipher.open('torg-a', b, sealed)).rejects.toBeInstanceOf(PersonalDataDecryptionError);
      await expect(cipher.open('torg-a', b, sealed.replace(a, b))).rejects.toBeInstanceOf(
        PersonalDataDecryptionError,
      );
      await expect(cipher.open('torg-b', a, sealed)).rejects.toBeInstanceOf(PersonalDataDecryptionError);
    });

    it('given another master key, then the wrapped key does not open', async () => {
      const personId = randomUUID();
      await cipher.createKey('torg-a', personId);
      const sealed = await cipher.seal('torg-a', personId, 'Anna');
      await expect(
        new PersonalDataCipher(sql, randomBytes(32)).open('torg-a', personId, sealed),
      ).rejects.toBeInstanceOf(PersonalDataDecryptionError);
    });

    it('given a destroyed key, then everything sealed for the person is erased for good, and the erasure is recorded by code', async () => {
      const personId = randomUUID();
      await cipher.createKey('torg-a', personId);
      const sealed = await cipher.seal('torg-a', personId, 'Anna Andersson');
      expect(await cipher.open('torg-a', personId, sealed)).toBe('Anna Andersson'); // now cached

      expect(await cipher.destroyKey('torg-a', personId, { reason: 'RETENTION_EXPIRED' })).toEqual({
        destroyed: true,
      });
      expect(await cipher.destroyKey('torg-a', personId)).toEqual({ destroyed: false });

      await expect(cipher.open('torg-a', personId, sealed)).rejects.toBeInstanceOf(PersonalDataErasedError);
      await expect(
        new PersonalDataCipher(sql, masterKey).open('torg-a', personId, sealed),
      ).rejects.toBeInstanceOf(PersonalDataErasedError);
      await expect(cipher.seal('torg-a', personId, 'again')).rejects.toBeInstanceOf(PersonalDataErasedError);
      await expect(cipher.createKey('torg-a', personId)).rejects.toBeInstanceOf(PersonalDataErasedError);
      expect(await cipher.isErased('torg-a', personId)).toBe(true);

      const { rows } = await sql.query<{ reason_code: string }>(
        'SELECT reason_code FROM person_erasures WHERE tenant = $1 AND person_id = $2',
        ['torg-a', personId],
      );
      expect(rows).toEqual([{ reason_code: 'RETENTION_EXPIRED' }]);
      const keys = await sql.query('SELECT 1 FROM person_keys WHERE tenant = $1 AND person_id = $2', [
        'torg-a',
        personId,
      ]);
      expect(keys.rows).toHaveLength(0);
    });

    it('given another process cached the key, then it forgets it within the cache TTL', async () => {
      let now = 1_000_000;
      const other = new PersonalDataCipher(sql, masterKey, { cacheTtlMs: 60_000, now: () => now });
      const personId = randomUUID();
      await cipher.createKey('torg-a', personId);
      const sealed = await cipher.seal('torg-a', personId, 'Anna');
      expect(await other.open('torg-a', personId, sealed)).toBe('Anna');
      await cipher.destroyKey('torg-a', personId);
      expect(await other.open('torg-a', personId, sealed)).toBe('Anna'); // the bounded window
      now += 60_001;
      await expect(other.open('torg-a', personId, sealed)).rejects.toBeInstanceOf(PersonalDataErasedError);
    });

    it('reads a cached key without the database', async () => {
      const personId = randomUUID();
      await cipher.createKey('torg-a', personId);
      let queries = 0;
      const counting: SqlClient = {
        ...sql,
        query: (text, params) => (queries++, sql.query(text, params)),
      } as SqlClient;
      const cached = new PersonalDataCipher(counting, masterKey);
      const sealed = await cached.seal('torg-a', personId, 'Anna');
      await cached.open('torg-a', personId, sealed);
      await cached.seal('torg-a', personId, 'Anna');
      expect(queries).toBe(1);
    });

    it('keys read at once share a statement, and each answers for its own person and torg', async () => {
      const people = Array.from({ length: 6 }, () => randomUUID());
      for (const personId of people) await cipher.createKey('torg-a', personId);
      const sealed = await Promise.all(
        people.map((personId, i) => cipher.seal('torg-a', personId, `Anna ${i}`)),
      );
      const erased = randomUUID();
      await cipher.createKey('torg-a', erased);
      const sealedErased = await cipher.seal('torg-a', erased, 'Anna');
      await cipher.destroyKey('torg-a', erased);
      let keyReads = 0;
      const counting = {
        ...sql,
        kind: sql.kind,
        query: (text: string, params?: unknown[], options?: { prepare?: boolean }) => {
          if (text.includes('FROM person_keys')) keyReads++;
          return sql.query(text, params, options);
        },
      } as SqlClient;
      const cold = new PersonalDataCipher(counting, masterKey);
      const results = await Promise.allSettled([
        ...people.map((personId, i) => cold.open('torg-a', personId, sealed[i])),
        cold.open('torg-a', erased, sealedErased),
        cold.open('torg-b', people[0], sealed[0]), // the key is the person's in torg-a only
      ]);
      expect(results.slice(0, people.length)).toEqual(
        people.map((_, i) => ({ status: 'fulfilled', value: `Anna ${i}` })),
      );
      expect((results[people.length] as PromiseRejectedResult).reason).toBeInstanceOf(
        PersonalDataErasedError,
      );
      expect((results[people.length + 1] as PromiseRejectedResult).reason).toBeInstanceOf(
        PersonKeyNotFoundError,
      );
      expect(keyReads).toBeLessThan(people.length);
    });

    it('refuses ids that are not UUIDs and unknown reason codes', async () => {
      await expect(cipher.createKey('torg-a', 'not-a-uuid')).rejects.toThrow(TypeError);
      await expect(
        cipher.destroyKey('torg-a', randomUUID(), { reason: 'because I said so' as never }),
      ).rejects.toThrow(TypeError);
    });
  });

  describe('PersonRegistry', () => {
    it('given a new number, then a person is created with a data key; the same number finds them again', async () => {
      const first = await registry.findOrCreatePerson('torg-a', PNR, randomUUID);
      expect(first.created).toBe(true);
      const again = await registry.findOrCreatePerson('torg-a', PNR, randomUUID);
      expect(again).toEqual({ personId: first.personId, created: false });
      expect(await registry.findPerson('torg-a', PNR)).toBe(first.personId);
      const sealed = await cipher.seal('torg-a', first.personId, 'Anna');
      expect(await cipher.open('torg-a', first.personId, sealed)).toBe('Anna');

      const other = await registry.findOrCreatePerson('torg-b', PNR, randomUUID);
      expect(other.created).toBe(true);
      expect(other.personId).not.toBe(first.personId);
    });

    it('stores only HMAC(HKDF(master, "tenant-secret", tenant), number), never the number', async () => {
      const { personId } = await registry.findOrCreatePerson('torg-c', PNR, randomUUID);
      const secret = Buffer.from(hkdfSync('sha256', masterKey, 'tenant-secret', 'torg-c', 32));
      const expected = createHmac('sha256', secret).update(PNR).digest('hex');
      const { rows } = await sql.query<Record<string, unknown>>('SELECT * FROM persons WHERE tenant = $1', [
        'torg-c',
      ]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ tenant: 'torg-c', lookup_hash: expected, person_id: personId });
      expect(JSON.stringify(rows)).not.toContain(PNR.slice(2));
      expect(registry.lookupHash('torg-c', PNR)).toBe(expected);
      expect(() => registry.lookupHash('torg-c', '811228-9874')).toThrow(TypeError);
    });

    it('given many concurrent requests for a new number, then exactly one person and one key are created', async () => {
      const pnr = '191212121212';
      const results = await Promise.all(
        Array.from({ length: 12 }, () => registry.findOrCreatePerson('torg-d', pnr, randomUUID)),
      );
      const ids = new Set(results.map((r) => r.personId));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const keys = await sql.query('SELECT 1 FROM person_keys WHERE tenant = $1', ['torg-d']);
      expect(keys.rows).toHaveLength(1);
    });

    it('given registrations made at once, then they share a statement and each number gets a person and a key of its own', async () => {
      let statements = 0;
      const counting: SqlClient = {
        ...sql,
        kind: sql.kind,
        query: (text, params, options) => {
          if (text.includes('INSERT INTO persons')) statements++;
          return sql.query(text, params, options);
        },
      };
      const grouped = new PersonRegistry(counting, masterKey, new PersonalDataCipher(sql, masterKey));
      const numbers = Array.from({ length: 20 }, (_, i) => `19800101${String(1000 + i)}`);
      const made = await Promise.all(
        numbers.flatMap((pnr) => [
          grouped.findOrCreatePerson('torg-g', pnr, randomUUID),
          grouped.findOrCreatePerson('torg-h', pnr, randomUUID),
        ]),
      );
      expect(statements).toBeLessThan(made.length);
      expect(new Set(made.map((m) => m.personId)).size).toBe(40);
      expect(made.every((m) => m.created)).toBe(true);
      // Each found again by its number, in its own torg, and each with its own key.
      for (const [i, pnr] of numbers.entries()) {
        expect(await registry.findPerson('torg-g', pnr)).toBe(made[2 * i].personId);
        expect(await registry.findPerson('torg-h', pnr)).toBe(made[2 * i + 1].personId);
      }
      const sealed = await grouped['cipher'].seal('torg-g', made[0].personId, 'Anna');
      expect(await new PersonalDataCipher(sql, masterKey).open('torg-g', made[0].personId, sealed)).toBe(
        'Anna',
      );
      const again = await Promise.all(
        numbers.map((pnr) => grouped.findOrCreatePerson('torg-g', pnr, randomUUID)),
      );
      expect(again.map((a) => [a.personId, a.created])).toEqual(
        numbers.map((_, i) => [made[2 * i].personId, false]),
      );
    });

    it('given a registry of thousands, then the shared statement looks each number up by its index, not by reading every person', async () => {
      let statement: { text: string; params: unknown[] } | undefined;
      const capturing: SqlClient = {
        ...sql,
        kind: sql.kind,
        query: (text, params, options) => {
          if (text.includes('json_to_recordset')) statement = { text, params: params ?? [] };
          return sql.query(text, params, options);
        },
      };
      await sql.query(
        `INSERT INTO persons (tenant, lookup_hash, person_id)
         SELECT 'torg-k', md5(g::text), gen_random_uuid() FROM generate_series(1, 5000) g`,
      );
      await sql.query('ANALYZE persons');
      const grouped = new PersonRegistry(capturing, masterKey, new PersonalDataCipher(sql, masterKey));
      const made = await Promise.all(
        ['198001012000', '198001012001', '198001012002'].map((pnr) =>
          grouped.findOrCreatePerson('torg-k', pnr, randomUUID),
        ),
      );
      expect(made.every((m) => m.created)).toBe(true);
      expect(statement).toBeDefined();
      const { rows } = await sql.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) ${statement!.text}`,
        statement!.params,
      );
      type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
      const scans: string[] = [];
      const walk = (node: PlanNode) => {
        if (node['Relation Name'] === 'persons') scans.push(node['Node Type']);
        node.Plans?.forEach(walk);
      };
      walk((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan);
      // The lookup, and the insert of the new ones.
      expect(scans).toContain('Index Scan');
      expect(scans).not.toContain('Seq Scan');
    });

    it('given a failure while creating the key, then no person is left behind', async () => {
      await expect(registry.findOrCreatePerson('torg-e', PNR, () => 'not-a-uuid')).rejects.toThrow();
      expect(await registry.findPerson('torg-e', PNR)).toBeUndefined();
    });

    it('given an erased person, then their data stays unreadable and the number finds a new person', async () => {
      const { personId } = await registry.findOrCreatePerson('torg-f', PNR, randomUUID);
      const sealed = await cipher.seal('torg-f', personId, 'Anna');
      expect(await registry.erasePerson('torg-f', personId, 'ERASURE_REQUEST')).toEqual({ destroyed: true });
      await expect(cipher.open('torg-f', personId, sealed)).rejects.toBeInstanceOf(PersonalDataErasedError);
      expect(await registry.findPerson('torg-f', PNR)).toBeUndefined();
      const next = await registry.findOrCreatePerson('torg-f', PNR, randomUUID);
      expect(next.created).toBe(true);
      expect(next.personId).not.toBe(personId);
      expect(await registry.erasePerson('torg-f', personId, 'ERASURE_REQUEST')).toEqual({ destroyed: false });
    });
  });
});
