// Output: the generated history, stream by stream, each event as the write path would record it.
import type { Actor } from '@app/case-domain';

export interface HistoryEvent {
  type: string;
  data: unknown;
  /** The event's business date (its occurredOn), as the write path stores it. */
  businessDate: string;
  /** Day number (see toDayNumber) of the command that recorded it: the global order's first key. */
  day: number;
  /** The command's sequence number in generation order: the global order's second key. */
  seq: number;
  actor: Actor;
}

export interface HistoryStream {
  streamId: string;
  streamType: 'case' | 'meeting' | 'tenant' | 'survey' | 'consultation';
  tenant: string;
  events: HistoryEvent[];
}

export interface GeneratorOptions {
  seed?: number;
  tenants?: number;
  cases?: number;
  years?: number;
  /** The last day of the history ("today" for queries on it). Fixed by default, so runs repeat. */
  today?: string;
}

export interface History {
  seed: number;
  from: string;
  today: string;
  tenants: { id: string; cases: number }[];
  streams: HistoryStream[];
  counts: {
    cases: number;
    events: number;
    streams: number;
    meetings: number;
    eventsByType: Record<string, number>;
    /** Planned commands the deciders refused (they are skipped, as a user would be told no). */
    refused: Record<string, number>;
  };
}
