import { createHmac, hkdfSync } from 'node:crypto';
import type { SqlClient } from '../../event-store/src/drivers/sql-client';
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

  constructor(
    private readonly sql: SqlClient,
    private readonly masterKey: Buffer,
    private readonly cipher: PersonalDataCipher,
  ) {
    if (!Buffer.isBuffer(masterKey) || masterKey.length !== 32)
      throw new TypeError('The master key must be 32 bytes');
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
   * The person's id, created with its data key when the number is new. Safe under concurrency:
   * INSERT … ON CONFLICT DO NOTHING waits for a concurrent insert of the same hash and then
   * yields to it, and the SELECT that follows sees the winner's row.
   */
  async findOrCreatePerson(tenant: string, normalizedPnr: string, newId: () => string): Promise<FoundPerson> {
    const hash = this.lookupHash(tenant, normalizedPnr);
    const existing = await this.findPerson(tenant, normalizedPnr);
    if (existing) return { personId: existing, created: false };
    let newKey: Buffer | undefined;
    const found = await this.sql.transaction(async (tx) => {
      const candidate = newId();
      const inserted = await tx.query<{ person_id: string }>(
        `INSERT INTO persons (tenant, lookup_hash, person_id) VALUES ($1, $2, $3)
         ON CONFLICT (tenant, lookup_hash) DO NOTHING RETURNING person_id`,
        [tenant, hash, candidate],
      );
      if (inserted.rows.length > 0) {
        newKey = await this.cipher.createKey(tenant, inserted.rows[0].person_id, tx);
        return { personId: inserted.rows[0].person_id, created: true };
      }
      const { rows } = await tx.query<{ person_id: string }>(
        'SELECT person_id FROM persons WHERE tenant = $1 AND lookup_hash = $2',
        [tenant, hash],
      );
      if (!rows[0]) throw new Error('The person row vanished between insert and select');
      return { personId: rows[0].person_id, created: false };
    });
    // Committed: the first seal needs not read the new key back.
    if (newKey) this.cipher.remember(tenant, found.personId, newKey);
    return found;
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
    erasedAt?: Date,
  ): Promise<{ destroyed: boolean }> {
    checkTenant(tenant);
    const result = await this.sql.transaction(async (tx) => {
      const destroyed = await this.cipher.destroyKey(tenant, personId, { reason, erasedAt, tx });
      await tx.query('DELETE FROM persons WHERE tenant = $1 AND person_id = $2', [
        tenant,
        personId.toLowerCase(),
      ]);
      return destroyed;
    });
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

function checkTenant(tenant: string): void {
  if (typeof tenant !== 'string' || tenant === '') throw new TypeError('tenant must be a non-empty string');
}
