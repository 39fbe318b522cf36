import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { RecordedEvent, SqlQueryable } from '@app/event-store';
import { CLOCK, type Clock, SubscriptionRunner } from '@app/runtime';
import {
  ERASURE_REASON_CODES,
  type ErasureReasonCode,
  type AuditEntry,
  AuditLog,
  PersonalDataService,
} from '@app/security';

export const ERASURE_REACTOR = 'personal-data-erasure';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The key-store reason for an event's reason: RETENTION (the retention deadline) or a code already known. */
export function reasonCodeOf(reason: unknown): ErasureReasonCode {
  if (reason === 'RETENTION') return 'RETENTION_EXPIRED';
  return typeof reason === 'string' && (ERASURE_REASON_CODES as readonly string[]).includes(reason)
    ? (reason as ErasureReasonCode)
    : 'OTHER';
}

/**
 * Whoever records PersonalDataErased (the retention deadline, an admin's erasure), the person's
 * data key is destroyed: the event is the promise, this reactor keeps it. Idempotent: a key already
 * destroyed stays destroyed. The key is destroyed, and recorded in the audit log with the actor of
 * the event, in the batch's transaction.
 */
@Injectable()
export class PersonalDataErasureReactor implements OnModuleInit {
  constructor(
    private readonly runner: SubscriptionRunner,
    private readonly personal: PersonalDataService,
    private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    if (!this.runner.get(ERASURE_REACTOR)) {
      this.runner.register({
        name: ERASURE_REACTOR,
        batchSize: 200,
        handle: (events, tx) => this.handle(events, tx),
        accepts: (e) => e.type === 'PersonalDataErased',
      });
    }
  }

  async handle(events: RecordedEvent[], tx: SqlQueryable): Promise<void> {
    const entries: AuditEntry[] = [];
    for (const e of events) {
      if (e.type !== 'PersonalDataErased') continue;
      const data = e.data as { personId?: unknown; reason?: unknown };
      if (typeof data.personId !== 'string' || !UUID.test(data.personId)) continue;
      // In the batch's transaction: the key is destroyed, and audited, together with the checkpoint.
      const { destroyed } = await this.personal.registry.erasePerson(
        e.tenant,
        data.personId,
        reasonCodeOf(data.reason),
        { tx },
      );
      if (!destroyed) continue;
      const actor =
        (e.metadata as { actor?: { sub?: string; roles?: string[]; party?: string } }).actor ?? {};
      entries.push({
        at: this.clock.now(),
        tenant: e.tenant,
        actor: actor.sub ?? 'system',
        roles: actor.roles ?? ['system'],
        ...(actor.party ? { party: actor.party } : {}),
        action: 'erase-person.destroy-key',
        route: `reactor ${ERASURE_REACTOR}`,
        status: 200,
        caseId: e.streamId.replace(/^case-/, ''),
        personId: data.personId,
      });
    }
    await this.audit.record(entries, tx);
  }
}
