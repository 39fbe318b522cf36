import { createHmac, hkdfSync } from 'node:crypto';
import {
  CallGroups,
  GROUP_MAX,
  statementsAtOnce,
  takeDistinct,
  type Settles,
  type SqlClient,
  type SqlQueryable,
} from '@app/event-store';
import { type ErasureReasonCode, PersonalDataCipher } from './personal-data-cipher';

export interface FoundPerson {
  personId: string;
  created: boolean;
}

const NORMALIZED = /^\d{12}$/;

/**
 * Finds the same person again without storing the personnummer: `persons` keeps only
 * HMAC-SHA256(tenantSecret, normalizedPnr), where tenantSecret = HKDF-SHA256(masterKey,
 * salt 'tenant-secret', info tenant). A hash of one tenant means nothing in another.
 */
export class PersonRegistry {
  private readonly secrets = new Map<string, Buffer>();
  /** Registrations waiting for a statement; one per number in a statement. */
  private readonly registrations: CallGroups<Registration>;

  constructor(
    private readonly sql: SqlClient,
    private readonly masterKey: Buffer,
    private readonly cipher: PersonalDataCipher,
  ) {
    if (!Buffer.isBuffer(masterKey) || masterKey.length !== 32)
      throw new TypeError('The master key must be 32 bytes');
    this.registrations = new CallGroups<Registration>(
      statementsAtOnce(sql.kind),
      (waiting) => takeDistinct(waiting, GROUP_MAX, (r) => `${r.tenant}\n${r.hash}`),
      (group) => this.register(group),
    );
  }

  /** Hex HMAC of the normalised (12-digit) number; see parsePersonnummer. */
  lookupHash(tenant: string, normalizedPnr: string): string {
    checkTenant(tenant);
    if (typeof normalizedPnr !== 'string' || !NORMALIZED.test(normalizedPnr)) {
      throw new TypeError('The personnummer must be normalised to 12 digits first');
    }
    return createHmac('sha256', this.tenantSecret(tenant)).update(normalizedPnr, 'utf8').digest('hex');
  }

  async findPerson(tenant: string, normalizedPnr: string): Promise<string | undefined> {
    const hash = this.lookupHash(tenant, normalizedPnr);
    const { rows } = await this.sql.query<{ person_id: string }>(
      'SELECT person_id FROM persons WHERE tenant = $1 AND lookup_hash = $2',
      [tenant, hash],
    );
    return rows[0]?.person_id;
  }

  /**
   * The person's id, created with its data key when the number is new: one statement (so one
   * implicit transaction and one round trip) looks the number up, or inserts the person and the
   * key together. Registrations made while others are on their way share that statement. Safe
   * under concurrency: a concurrent registration of the same number makes the insert wait and
   * yield (ON CONFLICT DO NOTHING), and the statement is run again to find it.
   */
  async findOrCreatePerson(tenant: string, normalizedPnr: string, newId: () => string): Promise<FoundPerson> {
    const hash = this.lookupHash(tenant, normalizedPnr);
    const candidate = newId();
    const { key, wrapped } = this.cipher.newKey(tenant, candidate);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const row = await this.registrations.call<RegisteredRow | undefined>({ tenant, hash, candidate, wrapped });
      if (row) {
        // Committed with the statement: the first seal needs not read the new key back.
        if (row.created) this.cipher.remember(tenant, candidate, key);
        return { personId: row.person_id, created: row.created };
      }
    }
    throw new Error('The person could neither be found nor registered');
  }

  /**
   * Every number of `group` in one statement. Each is looked up by its own index probe (the LATERAL
   * … LIMIT 1): joined as a whole, the planner expects a hundred numbers from the JSON and reads
   * every person instead, a cost that grew with the registry.
   */
  private async register(group: Registration[]): Promise<void> {
    if (group.length === 1) return this.registerOne(group[0]);
    try {
      const { rows } = await this.sql.query<RegisteredRow & { i: number }>(
        `WITH input AS (
           SELECT * FROM json_to_recordset($1::json) AS x(i int, tenant text, hash text, candidate uuid, wrapped text)),
              found AS (
           SELECT input.i, p.person_id FROM input CROSS JOIN LATERAL (
             SELECT person_id FROM persons WHERE persons.tenant = input.tenant AND persons.lookup_hash = input.hash
             LIMIT 1) p),
              made AS (
           INSERT INTO persons (tenant, lookup_hash, person_id)
           SELECT tenant, hash, candidate FROM input WHERE NOT EXISTS (SELECT 1 FROM found WHERE found.i = input.i)
           ON CONFLICT (tenant, lookup_hash) DO NOTHING RETURNING person_id),
              keyed AS (
           INSERT INTO person_keys (tenant, person_id, wrapped_key)
           SELECT input.tenant, made.person_id, input.wrapped FROM made JOIN input ON input.candidate = made.person_id
           RETURNING person_id)
         SELECT i, person_id, false AS created FROM found
         UNION ALL SELECT input.i, keyed.person_id, true AS created FROM keyed JOIN input ON input.candidate = keyed.person_id`,
        [
          JSON.stringify(
            group.map((r, i) => ({
              i,
              tenant: r.tenant,
              hash: r.hash,
              candidate: r.candidate,
              wrapped: r.wrapped,
            })),
          ),
        ],
        { prepare: true },
      );
      const byCall = new Map(rows.map((row) => [row.i, row]));
      group.forEach((r, i) => r.resolve(byCall.get(i)));
    } catch (err) {
      for (const r of group) r.reject(err);
    }
  }

  /** A number registered alone: the simpler statement, which costs less to run than the group statement for one. */
  private async registerOne(r: Registration): Promise<void> {
    try {
      const { rows } = await this.sql.query<RegisteredRow>(
        `WITH found AS (SELECT person_id FROM persons WHERE tenant = $1 AND lookup_hash = $2),
              made AS (
                INSERT INTO persons (tenant, lookup_hash, person_id)
                SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM found)
                ON CONFLICT (tenant, lookup_hash) DO NOTHING RETURNING person_id),
              keyed AS (
                INSERT INTO person_keys (tenant, person_id, wrapped_key)
                SELECT $1, person_id, $4 FROM made RETURNING person_id)
         SELECT person_id, false AS created FROM found
         UNION ALL SELECT person_id, true AS created FROM keyed`,
        [r.tenant, r.hash, r.candidate, r.wrapped],
        { prepare: true },
      );
      r.resolve(rows[0]);
    } catch (err) {
      r.reject(err);
    }
  }

  /**
   * Erases a person: forgets the lookup hash (the number then finds a new person) and destroys the
   * data key, in one transaction. Idempotent. Erase through here rather than the cipher alone, or
   * the number would keep finding the erased person.
   */
  async erasePerson(
    tenant: string,
    personId: string,
    reason: ErasureReasonCode,
    options: { erasedAt?: Date; tx?: SqlQueryable } = {},
  ): Promise<{ destroyed: boolean }> {
    checkTenant(tenant);
    const run = async (tx: SqlQueryable) => {
      const destroyed = await this.cipher.destroyKey(tenant, personId, {
        reason,
        erasedAt: options.erasedAt,
        tx,
      });
      await tx.query('DELETE FROM persons WHERE tenant = $1 AND person_id = $2', [
        tenant,
        personId.toLowerCase(),
      ]);
      return destroyed;
    };
    // In the caller's transaction when it has one (a reactor's batch), else one of its own.
    const result = options.tx ? await run(options.tx) : await this.sql.transaction(run);
    this.cipher.evict(tenant, personId);
    return result;
  }

  private tenantSecret(tenant: string): Buffer {
    let secret = this.secrets.get(tenant);
    if (!secret) {
      secret = Buffer.from(hkdfSync('sha256', this.masterKey, 'tenant-secret', tenant, 32));
      this.secrets.set(tenant, secret);
    }
    return secret;
  }
}

interface RegisteredRow {
  person_id: string;
  created: boolean;
}

/** A number to find or register: its lookup hash, and the id and wrapped key to register it with. */
interface Registration extends Settles<RegisteredRow | undefined> {
  tenant: string;
  hash: string;
  candidate: string;
  wrapped: string;
}

function checkTenant(tenant: string): void {
  if (typeof tenant !== 'string' || tenant === '') throw new TypeError('tenant must be a non-empty string');
}
