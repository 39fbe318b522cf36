import {
  type CallGroups,
  type Settles,
  sharedStatements,
  type SqlClient,
  type SqlQueryable,
} from '@app/event-store';
import {
  deriveKeyEncryptionKey,
  generateDataKey,
  openWithDataKey,
  sealWithDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './envelope';

/** Why a person's data key was destroyed; codes only, never free text (it would be personal data). */
export const ERASURE_REASON_CODES = [
  'RETENTION_EXPIRED',
  'ERASURE_REQUEST',
  'CONSENT_WITHDRAWN',
  'OTHER',
] as const;
export type ErasureReasonCode = (typeof ERASURE_REASON_CODES)[number];

/** The person's data key was destroyed: what was sealed for them can never be read again. */
export class PersonalDataErasedError extends Error {
  constructor() {
    super('The personal data has been erased');
    this.name = 'PersonalDataErasedError';
  }
}

/** No data key exists for the person, and none was ever erased: a programming or data error. */
export class PersonKeyNotFoundError extends Error {
  constructor() {
    super('No data key exists for the person');
    this.name = 'PersonKeyNotFoundError';
  }
}

export interface PersonalDataCipherOptions {
  /** How long an unwrapped key stays in memory; bounds how long another process may still read after an erasure. */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  now?: () => number;
}

export interface DestroyKeyOptions {
  reason?: ErasureReasonCode;
  erasedAt?: Date;
  /** Run inside the caller's transaction; the caller then calls {@link PersonalDataCipher.evict} after commit. */
  tx?: SqlQueryable;
}

/** A person's wrapped key asked for, waiting to share a statement; undefined when there is none. */
interface KeyRead extends Settles<string | undefined> {
  tenant: string;
  personId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Envelope encryption of personal data with one data key per person (DOMAIN.md §10). Each data key
 * is stored wrapped in `person_keys`; destroying it (crypto-shredding) leaves the events in place
 * but makes everything sealed for that person unreadable, and records the erasure by code.
 */
export class PersonalDataCipher {
  private readonly cache = new Map<string, { key: Buffer; expiresAt: number }>();
  private readonly keks = new Map<string, Buffer>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Keys not in the cache, read while others are on their way, share a statement. */
  private readonly keyReads: CallGroups<KeyRead>;

  constructor(
    private readonly sql: SqlClient,
    private readonly masterKey: Buffer,
    options: PersonalDataCipherOptions = {},
  ) {
    this.keyReads = sharedStatements<KeyRead>(sql.kind, (group) => this.readKeys(group));
    if (!Buffer.isBuffer(masterKey) || masterKey.length !== 32)
      throw new TypeError('The master key must be 32 bytes');
    this.ttlMs = options.cacheTtlMs ?? 60_000;
    this.maxEntries = options.cacheMaxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Creates the person's data key unless one exists; refuses an erased person. Idempotent. */
  /**
   * Creates the person's data key, unless they have one (idempotent) or were erased (refused).
   * Returns the new key when this call made it, so a caller may `remember` it once its
   * transaction has committed; not cached here, as the transaction may yet roll back.
   */
  async createKey(tenant: string, personIdInput: string, tx?: SqlQueryable): Promise<Buffer | undefined> {
    const personId = checkIds(tenant, personIdInput);
    const db = tx ?? this.sql;
    const { key, wrapped } = this.newKey(tenant, personId);
    // One statement: no key for an erased person; a concurrent creator may win, its key is then the key.
    const { rows } = await db.query(
      `INSERT INTO person_keys (tenant, person_id, wrapped_key)
       SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM person_erasures WHERE tenant = $1 AND person_id = $2)
       ON CONFLICT (tenant, person_id) DO NOTHING RETURNING person_id`,
      [tenant, personId, wrapped],
    );
    if (rows.length > 0) return key;
    if (await this.isErasedIn(db, tenant, personId)) throw new PersonalDataErasedError();
    return undefined;
  }

  /** A new data key for the person and its wrapped form, for a caller that stores it in a statement of its own. */
  newKey(tenant: string, personIdInput: string): { key: Buffer; wrapped: string } {
    const personId = checkIds(tenant, personIdInput);
    const key = generateDataKey();
    return { key, wrapped: wrapDataKey(this.kek(tenant), tenant, personId, key) };
  }

  /** Caches a data key its creator made (after the transaction that stored it committed). */
  remember(tenant: string, personIdInput: string, key: Buffer): void {
    const personId = checkIds(tenant, personIdInput);
    const id = cacheKey(tenant, personId);
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(id, { key, expiresAt: this.now() + this.ttlMs });
  }

  async seal(tenant: string, personIdInput: string, plaintext: string): Promise<string> {
    const personId = checkIds(tenant, personIdInput);
    if (typeof plaintext !== 'string') throw new TypeError('Only strings can be sealed');
    return sealWithDataKey(await this.dataKey(tenant, personId), tenant, personId, plaintext);
  }

  /** Throws PersonalDataErasedError after erasure, PersonalDataDecryptionError when tampered or sealed for another person. */
  async open(tenant: string, personIdInput: string, sealed: string): Promise<string> {
    const personId = checkIds(tenant, personIdInput);
    return openWithDataKey(await this.dataKey(tenant, personId), tenant, personId, sealed);
  }

  /**
   * Crypto-shredding: deletes the wrapped key and records the erasure (idempotent). Returns whether
   * a key was destroyed by this call.
   */
  async destroyKey(
    tenant: string,
    personIdInput: string,
    options: DestroyKeyOptions = {},
  ): Promise<{ destroyed: boolean }> {
    const personId = checkIds(tenant, personIdInput);
    const reason = options.reason ?? 'ERASURE_REQUEST';
    if (!(ERASURE_REASON_CODES as readonly string[]).includes(reason))
      throw new TypeError('Unknown erasure reason code');
    this.evict(tenant, personId);
    const run = async (db: SqlQueryable) => {
      const deleted = await db.query('DELETE FROM person_keys WHERE tenant = $1 AND person_id = $2', [
        tenant,
        personId,
      ]);
      await db.query(
        `INSERT INTO person_erasures (tenant, person_id, erased_at, reason_code)
         VALUES ($1, $2, COALESCE($3::timestamptz, now()), $4)
         ON CONFLICT (tenant, person_id) DO NOTHING`,
        [tenant, personId, options.erasedAt?.toISOString() ?? null, reason],
      );
      return { destroyed: deleted.rowCount > 0 };
    };
    const result = options.tx ? await run(options.tx) : await this.sql.transaction(run);
    this.evict(tenant, personId);
    return result;
  }

  async isErased(tenant: string, personIdInput: string): Promise<boolean> {
    const personId = checkIds(tenant, personIdInput);
    return this.isErasedIn(this.sql, tenant, personId);
  }

  /** Forgets the unwrapped key held in this process. */
  evict(tenant: string, personId: string): void {
    this.cache.delete(cacheKey(tenant, personId.toLowerCase()));
  }

  private async dataKey(tenant: string, personId: string): Promise<Buffer> {
    const id = cacheKey(tenant, personId);
    const hit = this.cache.get(id);
    const now = this.now();
    if (hit && hit.expiresAt > now) return hit.key;
    if (hit) this.cache.delete(id);

    const wrapped = await this.keyReads.call<string | undefined>({ tenant, personId });
    if (wrapped === undefined) {
      if (await this.isErasedIn(this.sql, tenant, personId)) throw new PersonalDataErasedError();
      throw new PersonKeyNotFoundError();
    }
    const key = unwrapDataKey(this.kek(tenant), tenant, personId, wrapped);
    this.remember(tenant, personId, key);
    return key;
  }

  /** Settles every read of `group`, in one statement when there are several (an index probe each); never throws. */
  private async readKeys(group: KeyRead[]): Promise<void> {
    try {
      if (group.length === 1) {
        const { rows } = await this.sql.query<{ wrapped_key: string }>(
          'SELECT wrapped_key FROM person_keys WHERE tenant = $1 AND person_id = $2',
          [group[0].tenant, group[0].personId],
          { prepare: true },
        );
        group[0].resolve(rows[0]?.wrapped_key);
        return;
      }
      const { rows } = await this.sql.query<{ i: number; wrapped_key: string }>(
        `SELECT x.i, k.wrapped_key FROM json_to_recordset($1::json) AS x(i int, t text, p uuid)
           CROSS JOIN LATERAL (SELECT wrapped_key FROM person_keys WHERE tenant = x.t AND person_id = x.p) k`,
        [JSON.stringify(group.map((r, i) => ({ i, t: r.tenant, p: r.personId })))],
        { prepare: true },
      );
      const found = new Map(rows.map((r) => [r.i, r.wrapped_key]));
      group.forEach((r, i) => r.resolve(found.get(i)));
    } catch (err) {
      for (const r of group) r.reject(err);
    }
  }

  private async isErasedIn(db: SqlQueryable, tenant: string, personId: string): Promise<boolean> {
    const { rows } = await db.query('SELECT 1 FROM person_erasures WHERE tenant = $1 AND person_id = $2', [
      tenant,
      personId,
    ]);
    return rows.length > 0;
  }

  private kek(tenant: string): Buffer {
    let kek = this.keks.get(tenant);
    if (!kek) {
      kek = deriveKeyEncryptionKey(this.masterKey, tenant);
      this.keks.set(tenant, kek);
    }
    return kek;
  }
}

function checkIds(tenant: string, personId: string): string {
  if (typeof tenant !== 'string' || tenant === '') throw new TypeError('tenant must be a non-empty string');
  if (typeof personId !== 'string' || !UUID.test(personId)) throw new TypeError('personId must be a UUID');
  return personId.toLowerCase();
}

const cacheKey = (tenant: string, personId: string) => JSON.stringify([tenant, personId]);
