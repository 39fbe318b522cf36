import { type CaseEventType, type Party, readEvent } from '@app/case-domain';
import type { EventStore, RecordedEvent, SqlQueryable, Projection } from '@app/event-store';

/**
 * Notices to the parties: when a deadline becomes due or is missed, a SIP is booked, or a case is
 * returned, the case owner's party and the initiating party get a notice. A notice carries the
 * case id and its kind (and the business date), never personal data.
 */
export const NOTICE_KINDS = [
  'FOLLOW_UP_DUE',
  'FOLLOW_UP_OVERDUE',
  'INSATS_DEADLINE_MISSED',
  'CONSENT_EXPIRED',
  'CASE_STAGNANT',
  'AGE_LIMIT',
  'SIP_BOOKED',
  'CASE_RETURNED',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

const KIND_OF: Partial<Record<CaseEventType, NoticeKind>> = {
  FollowUpBecameDue: 'FOLLOW_UP_DUE',
  FollowUpOverdue: 'FOLLOW_UP_OVERDUE',
  InsatsDeadlineMissed: 'INSATS_DEADLINE_MISSED',
  ConsentExpired: 'CONSENT_EXPIRED',
  CaseStagnated: 'CASE_STAGNANT',
  AgeLimitFlagged: 'AGE_LIMIT',
  SipBooked: 'SIP_BOOKED',
  CaseReturned: 'CASE_RETURNED',
};

export function noticeKindOf(eventType: string): NoticeKind | undefined {
  return KIND_OF[eventType as CaseEventType];
}

export interface Notice {
  /** Derived from the event and the party: the same notice is never made or sent twice. */
  id: string;
  tenant: string;
  party: Party;
  caseId: string;
  kind: NoticeKind;
  occurredOn: string;
  position: number;
  /** When its event was recorded: a rebuild makes the same row. */
  createdAt: string;
}

export const noticeId = (position: number, party: string) => `n-${position}-${party}`;

/** What the receiver of a webhook gets: ids, the kind and the date; nothing about the person. */
export interface NoticePayload {
  id: string;
  caseId: string;
  kind: NoticeKind;
  occurredOn: string;
}

export function noticePayload(n: Pick<Notice, 'id' | 'caseId' | 'kind' | 'occurredOn'>): NoticePayload {
  return { id: n.id, caseId: n.caseId, kind: n.kind, occurredOn: n.occurredOn };
}

interface PartiesEvent {
  type: string;
  data: { initiatingParty?: Party; owner?: { party: Party }; to?: { party: Party } };
}

/** A stored event of a case stream, from the batch or read back from the store. */
type PartiesRow = Pick<RecordedEvent, 'streamId' | 'version' | 'type' | 'schemaVersion' | 'data'>;

const PARTIES_EVENTS = ['CaseInitiated', 'DecisionRecorded', 'OwnershipHandedOver'];

/**
 * The events that name a case's initiating party and owner, for the streams of the noticing
 * events, in order. A stream whose events this batch holds from its first version on (a new case,
 * or a rebuild replaying stream by stream) is read from the batch itself; the others from the store.
 */
async function partiesEvents(
  tx: SqlQueryable,
  store: EventStore,
  events: RecordedEvent[],
  streamIds: Set<string>,
): Promise<Map<string, PartiesRow[]>> {
  const out = new Map<string, PartiesRow[]>();
  const add = (r: PartiesRow) => {
    const list = out.get(r.streamId);
    if (list) list.push(r);
    else out.set(r.streamId, [r]);
  };
  const fromBatch = new Set<string>();
  const seen = new Set<string>();
  for (const e of events) {
    if (!streamIds.has(e.streamId)) continue;
    if (!seen.has(e.streamId)) {
      seen.add(e.streamId);
      if (e.version === 1) fromBatch.add(e.streamId);
    }
    if (fromBatch.has(e.streamId) && PARTIES_EVENTS.includes(e.type)) add(e);
  }
  const rest = [...streamIds].filter((id) => !fromBatch.has(id));
  if (rest.length === 0) return out;
  const rows = await store.readEarlier(
    rest.map((streamId) => ({ streamId, before: Number.MAX_SAFE_INTEGER })),
    { types: PARTIES_EVENTS, db: tx },
  );
  for (const r of rows) add(r);
  return out;
}

/** The owner's party and the initiating party as they stood at `version` of the case stream. */
function recipientsAt(rows: PartiesRow[], version: number): Party[] {
  let initiator: Party | undefined;
  let owner: Party | undefined;
  for (const row of rows) {
    if (row.version > version) break;
    const e = readEvent<PartiesEvent>(row);
    if (e.type === 'CaseInitiated') initiator = e.data.initiatingParty;
    else if (e.type === 'DecisionRecorded' && e.data.owner) owner = e.data.owner.party;
    else if (e.type === 'OwnershipHandedOver' && e.data.to) owner = e.data.to.party;
  }
  return [...new Set([owner, initiator].filter((p): p is Party => p !== undefined))];
}

/** An event that gives rise to notices. */
export function isNoticing(e: RecordedEvent): boolean {
  return e.streamId.startsWith('case-') && noticeKindOf(e.type) !== undefined;
}

/** The notices a batch of events gives rise to, one per event and recipient party. */
export async function noticesOf(
  events: RecordedEvent[],
  tx: SqlQueryable,
  store: EventStore,
): Promise<Notice[]> {
  const noticing = events.filter(isNoticing);
  if (noticing.length === 0) return [];
  const parties = await partiesEvents(tx, store, events, new Set(noticing.map((e) => e.streamId)));
  const out: Notice[] = [];
  for (const e of noticing) {
    const data = e.data as { occurredOn?: string };
    for (const party of recipientsAt(parties.get(e.streamId) ?? [], e.version)) {
      out.push({
        id: noticeId(e.position, party),
        tenant: e.tenant,
        party,
        caseId: e.streamId.slice('case-'.length),
        kind: noticeKindOf(e.type)!,
        occurredOn: data.occurredOn ?? e.businessDate ?? e.recordedAt.slice(0, 10),
        position: e.position,
        createdAt: e.recordedAt,
      });
    }
  }
  return out;
}

/** notifications: every notice, listed at GET /api/v1/notifications; rebuilt from the events with the same ids. */
export const noticesProjection: Projection = {
  name: 'notices',
  tables: ['notifications'],
  // A notice depends on its event and the parties named earlier in the same case stream.
  streamLocal: true,
  accepts: isNoticing,
  async apply(events, tx, store) {
    const notices = await noticesOf(events, tx, store);
    if (notices.length === 0) return;
    await tx.query(
      `INSERT INTO notifications (id, tenant, party, case_id, kind, occurred_on, position, created_at)
       SELECT id, tenant, party, case_id, kind, occurred_on, position, created_at
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id text, tenant text, party text, case_id uuid, kind text, occurred_on date, position bigint, created_at timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [
        JSON.stringify(
          notices.map((n) => ({
            id: n.id,
            tenant: n.tenant,
            party: n.party,
            case_id: n.caseId,
            kind: n.kind,
            occurred_on: n.occurredOn,
            position: n.position,
            created_at: n.createdAt,
          })),
        ),
      ],
    );
  },
};
