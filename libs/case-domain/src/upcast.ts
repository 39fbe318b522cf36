// Event evolution (STYLE.md rule 4). A stored event is never rewritten: it keeps the schema version
// it was written with, and upcasters lift old data to the current shape as it is read.
//
// To change an event's shape: bump its entry in EVENT_SCHEMA_VERSIONS, change its type, and register
// UPCASTERS[type][oldVersion] = (data) => newData. Chains run one version at a time, so v1 data reads
// through 1→2, 2→3 … Every event is at version 1 today, so the registry is empty; the mechanism is
// tested with a fabricated v0→v1 upcaster.
import { CASE_EVENT_TYPES, type CaseEvent } from './case/events';
import { MEETING_EVENT_TYPES, type MeetingEvent } from './meeting/events';
import { TENANT_EVENT_TYPES, type TenantEvent } from './tenant/events';
import type { ConsultationEvent } from './consultation/events';
import type { SurveyEvent } from './survey/events';

export type DomainEvent = CaseEvent | MeetingEvent | TenantEvent | ConsultationEvent | SurveyEvent;
export type DomainEventType = DomainEvent['type'];

export const EVENT_TYPES: readonly DomainEventType[] = [
  ...CASE_EVENT_TYPES,
  ...MEETING_EVENT_TYPES,
  ...TENANT_EVENT_TYPES,
  'ConsultationRecorded',
  'ClosingSurveyAnswered',
];

/** The schema version each event type is written with now. */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<DomainEventType, number>> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, 1]),
) as Record<DomainEventType, number>;

export function eventSchemaVersion(type: string): number {
  return (EVENT_SCHEMA_VERSIONS as Record<string, number>)[type] ?? 1;
}

/** Lifts data written at `fromVersion` to fromVersion + 1. */
export type Upcaster = (data: any) => unknown;
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/** The production upcasters: none yet. */
export const UPCASTERS: UpcasterRegistry = {};

export interface UpcastEvent {
  type: string;
  version: number;
  data: unknown;
}

export class UnknownEventVersionError extends Error {
  constructor(
    readonly eventType: string,
    readonly version: number,
  ) {
    super(`No way to read ${eventType} at schema version ${version}.`);
    this.name = 'UnknownEventVersionError';
  }
}

export function createUpcaster(registry: UpcasterRegistry, versions: Readonly<Record<string, number>>) {
  return function upcast(type: string, version: number, data: unknown): UpcastEvent {
    const current = versions[type] ?? 1;
    if (version > current) throw new UnknownEventVersionError(type, version);
    let out = data;
    for (let v = version; v < current; v++) {
      const step = registry[type]?.[v];
      if (!step) throw new UnknownEventVersionError(type, v);
      out = step(out);
    }
    return { type, version: current, data: out };
  };
}

/** Reads stored event data at any known version as the current shape. */
export const upcast = createUpcaster(UPCASTERS, EVENT_SCHEMA_VERSIONS);

/** What reading needs of a stored event: a RecordedEvent, or a row of the store read as one. */
export interface StoredEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/**
 * The one reader of stored events: the event in the shape the deciders and projections know today
 * (older schema versions upcast). Structural, so the domain stays free of the event store.
 */
export function readEvent<E = DomainEvent>(e: StoredEvent): E {
  const current = upcast(e.type, e.schemaVersion, e.data);
  return { type: current.type, data: current.data } as E;
}
