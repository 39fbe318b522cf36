import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isRole, isParty, type Principal } from '@app/security';
import type { SqlClient } from '@app/event-store';
import { CLOCK, type Clock, SQL_CLIENT } from '@app/runtime';

/** The roles that may read the meetings feed, with a token or through a feed of their own. */
export const CALENDAR_ROLES = ['processledare', 'beredning'] as const;

/** 32 random bytes, base64url: 43 characters. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export interface CalendarFeedItem {
  id: string;
  label: string | null;
  /** The user the feed reads as (the token's `sub` when it was made). */
  owner: string;
  createdAt: string;
}

const sha256Hex = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * Personal secret calendar feeds (migration 013): the secret is handed out once and kept only as
 * its sha256; a feed reads as its owner did when it was made, until revoked.
 */
@Injectable()
export class CalendarFeeds {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(caller: Principal, label: string | undefined): Promise<{ id: string; secret: string }> {
    const secret = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await this.sql.query(
      `INSERT INTO calendar_feeds (id, tenant, owner_sub, owner_roles, owner_party, label, secret_hash, created_at)
       VALUES ($1::uuid, $2, $3, $4::text[], $5, $6, decode($7, 'hex'), $8)`,
      [
        id,
        caller.tenant,
        caller.sub,
        caller.roles,
        caller.party ?? null,
        label ?? null,
        sha256Hex(secret),
        this.clock.now(),
      ],
    );
    return { id, secret };
  }

  /** The caller's own feeds not revoked, oldest first; an admin's: every such feed of the tenant. */
  async list(caller: Principal): Promise<CalendarFeedItem[]> {
    const every = caller.roles.includes('admin');
    const { rows } = await this.sql.query<{
      id: string;
      label: string | null;
      owner_sub: string;
      created_at: string;
    }>(
      `SELECT id::text AS id, label, owner_sub,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
         FROM calendar_feeds
        WHERE tenant = $1 AND revoked_at IS NULL AND ($2::boolean OR owner_sub = $3)
        ORDER BY created_at, id`,
      [caller.tenant, every, caller.sub],
    );
    return rows.map((r) => ({ id: r.id, label: r.label, owner: r.owner_sub, createdAt: r.created_at }));
  }

  /** Revokes the feed if it is the caller's own (or the caller is an admin of its tenant) and live. */
  async revoke(caller: Principal, id: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `UPDATE calendar_feeds SET revoked_at = $4, revoked_by = $3
        WHERE id = $1::uuid AND tenant = $2 AND revoked_at IS NULL AND ($5::boolean OR owner_sub = $3)`,
      [id, caller.tenant, caller.sub, this.clock.now(), caller.roles.includes('admin')],
    );
    return rowCount > 0;
  }

  /** The live feed of this secret and the user it reads as, or undefined. */
  async resolve(secret: unknown): Promise<{ id: string; principal: Principal } | undefined> {
    if (typeof secret !== 'string' || !SECRET.test(secret)) return undefined;
    const hash = sha256Hex(secret);
    const { rows } = await this.sql.query<{
      id: string;
      tenant: string;
      owner_sub: string;
      owner_roles: string[];
      owner_party: string | null;
      secret_hash: string;
    }>(
      `SELECT id::text AS id, tenant, owner_sub, owner_roles, owner_party, encode(secret_hash, 'hex') AS secret_hash
         FROM calendar_feeds WHERE secret_hash = decode($1, 'hex') AND revoked_at IS NULL`,
      [hash],
    );
    const row = rows[0];
    // Found by its hash; compared again in constant time, so no answer depends on how much matched.
    if (!row || !timingSafeEqual(Buffer.from(row.secret_hash, 'hex'), Buffer.from(hash, 'hex')))
      return undefined;
    const roles = row.owner_roles.filter(isRole);
    if (!roles.some((r) => (CALENDAR_ROLES as readonly string[]).includes(r))) return undefined;
    return {
      id: row.id,
      principal: {
        sub: row.owner_sub,
        tenant: row.tenant,
        roles,
        ...(isParty(row.owner_party) ? { party: row.owner_party } : {}),
      },
    };
  }
}
