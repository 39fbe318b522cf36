import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type SqlClient, type SqlQueryable } from '@app/event-store';
import { CLOCK, type Clock, localDate, APP_CONFIG, type AppConfig, SQL_CLIENT } from '@app/runtime';
import { type NoticeKind, noticePayload, ReadModelSync } from '@app/read-models';
import { deliverWebhook, openWebhookSecret, sealWebhookSecret } from './webhook';
import { type Party } from '@app/case-domain';
import { type Principal, loadMasterKey, caseVisibleSql } from '@app/security';

/** What a webhook job carries: ids and the kind, never personal data. */
export interface WebhookJobData {
  tenant: string;
  party: string;
  noticeId: string;
  caseId: string;
  kind: NoticeKind;
  occurredOn: string;
}

export const webhookJobId = (noticeId: string) => `webhook-${noticeId}`;

/** notice_deliveries.status of a notice not sent because the party may not see its case. */
export const WITHHELD = 0;

/** The global position of a notice's event, from its id (noticeId: `n-<position>-<party>`). */
function noticePosition(id: string): number {
  return Number(/^n-(\d+)-/.exec(id)?.[1] ?? 0);
}

/** The parties' webhooks: where notices go, and the secret they are signed with (sealed at rest, never shown). */
@Injectable()
export class WebhookService {
  private readonly masterKey: Buffer;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sync: ReadModelSync,
    private readonly store: EventStore,
  ) {
    // PersonalDataService already warns about a development master key; once is enough.
    this.masterKey = loadMasterKey({
      env: { MASTER_KEY: config.masterKey, NODE_ENV: config.nodeEnv },
      dataDir: config.dataDir,
      warn: () => undefined,
    });
  }

  async set(tenant: string, party: string, url: string, secret: string): Promise<{ updatedAt: string }> {
    const { rows } = await this.sql.query<{ updated_at: string }>(
      `INSERT INTO party_webhooks (tenant, party, url, secret_sealed, configured_position)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant, party) DO UPDATE SET url = excluded.url, secret_sealed = excluded.secret_sealed, updated_at = now()
       RETURNING to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`,
      [tenant, party, url, sealWebhookSecret(this.masterKey, tenant, party, secret), await this.store.lastPosition()],
    );
    return { updatedAt: rows[0].updated_at };
  }

  async remove(tenant: string, party: string): Promise<boolean> {
    const { rowCount } = await this.sql.query('DELETE FROM party_webhooks WHERE tenant = $1 AND party = $2', [
      tenant,
      party,
    ]);
    return rowCount > 0;
  }

  /** The parties of these tenants that have a webhook, as `tenant/party`. */
  async configured(db: SqlQueryable, tenants: string[]): Promise<Set<string>> {
    const { rows } = await db.query<{ tenant: string; party: string }>(
      'SELECT tenant, party FROM party_webhooks WHERE tenant = ANY($1::text[])',
      [tenants],
    );
    return new Set(rows.map((r) => `${r.tenant}/${r.party}`));
  }

  /**
   * Delivers one notice; false when it is not sent: the party has no webhook any more (the notice
   * stays listed), or its system may not see the case (withheld, as from its list).
   */
  async deliver(job: WebhookJobData): Promise<boolean> {
    const { rows } = await this.sql.query<{ url: string; secret_sealed: string }>(
      'SELECT url, secret_sealed FROM party_webhooks WHERE tenant = $1 AND party = $2',
      [job.tenant, job.party],
    );
    const hook = rows[0];
    if (!hook) return false;
    if (!(await this.partySeesCase(job))) {
      await this.sql.query(
        `INSERT INTO notice_deliveries (notice_id, tenant, party, status) VALUES ($1, $2, $3, $4) ON CONFLICT (notice_id) DO NOTHING`,
        [job.noticeId, job.tenant, job.party, WITHHELD],
      );
      return false;
    }
    const secret = openWebhookSecret(this.masterKey, job.tenant, job.party, hook.secret_sealed);
    const body = JSON.stringify(
      noticePayload({ id: job.noticeId, caseId: job.caseId, kind: job.kind, occurredOn: job.occurredOn }),
    );
    const status = await deliverWebhook(hook.url, secret, job.noticeId, body, this.config.webhookTimeoutMs);
    await this.sql.query(
      `INSERT INTO notice_deliveries (notice_id, tenant, party, status) VALUES ($1, $2, $3, $4) ON CONFLICT (notice_id) DO NOTHING`,
      [job.noticeId, job.tenant, job.party, status],
    );
    return true;
  }

  /**
   * The party's system may see the notice's case now, by the access policy (caseVisibleSql, as
   * GET /api/v1/notifications answers it): a webhook is the party's system reading its notices.
   * Asked once the cases read model holds the notice's event, so a case just marked protected is
   * not judged on an older row; until then the job fails and is retried.
   */
  private async partySeesCase(job: WebhookJobData): Promise<boolean> {
    const system: Principal = {
      tenant: job.tenant,
      party: job.party as Party,
      roles: ['system'],
      sub: `webhook:${job.party}`,
    };
    // The cases read model applies the notice's event moments after the notice itself: wait for it
    // (bounded) rather than spend one of the job's attempts.
    // Where the projection runs here, this process knows what it has applied (a stored checkpoint
    // can lag behind it by a second: reading that would spend attempts on a read model already there).
    if (!(await this.sync.waitFor('cases', noticePosition(job.noticeId)))) {
      throw new Error('the cases read model has not reached the notice yet');
    }
    const today = localDate(this.clock.now(), this.config.timeZone);
    const params: unknown[] = [job.tenant, job.caseId];
    const { rows } = await this.sql.query<{ visible: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM rm_cases c WHERE c.tenant = $1 AND c.case_id = $2::uuid
                         AND ${caseVisibleSql(system, today, 'c', params)}) AS visible`,
      params,
    );
    return rows[0].visible;
  }

  /**
   * The latest notices to a party with a webhook that were never delivered (newest first, made
   * after the webhook was configured): the safety net for jobs lost with the embedded queue on a
   * restart, or with a Redis that lost its data.
   */
  async undelivered(limit: number): Promise<WebhookJobData[]> {
    const { rows } = await this.sql.query<{
      id: string;
      tenant: string;
      party: string;
      case_id: string;
      kind: NoticeKind;
      occurred_on: string;
    }>(
      `SELECT n.id, n.tenant, n.party, n.case_id, n.kind, n.occurred_on
         FROM notifications n
         JOIN party_webhooks w ON w.tenant = n.tenant AND w.party = n.party
         LEFT JOIN notice_deliveries d ON d.notice_id = n.id
        WHERE d.notice_id IS NULL AND n.position > w.configured_position
        ORDER BY n.position DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      tenant: r.tenant,
      party: r.party,
      noticeId: r.id,
      caseId: r.case_id,
      kind: r.kind,
      occurredOn: r.occurred_on,
    }));
  }
}
