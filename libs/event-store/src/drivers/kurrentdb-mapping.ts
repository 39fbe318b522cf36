/**
 * How the event store's terms map onto KurrentDB's (EventStoreDB's), as pure functions: versions
 * and revisions, global positions and commit positions, the client's errors and the envelope.
 */
import {
  ANY,
  ErrorType,
  NO_STREAM,
  START,
  type AppendExpectedRevision,
  type CurrentRevision,
  type JSONEventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as KurrentRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store';
import { type ExpectedVersion, WrongExpectedVersionError } from '../errors';

/**
 * A stream's version counts its events from 1 (0: no stream); KurrentDB's revision counts them
 * from 0. `no_stream` and `any` mean the same on both sides.
 */
export function expectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (!Number.isInteger(expected) || expected < 1)
    throw new RangeError('expected version must be a positive integer');
  return BigInt(expected - 1);
}

/** The version of the event at `revision` (revision 0 is version 1). */
export function versionOf(revision: bigint): number {
  if (revision < 0n) throw new RangeError(`not an event's revision: ${revision}`);
  return checkedNumber(revision + 1n, 'stream revision');
}

/** The stream's version from KurrentDB's current revision of it (`no_stream`: 0). */
export function currentVersion(current: CurrentRevision): number {
  return current === NO_STREAM ? 0 : versionOf(current);
}

/** The revision to read a stream from, for a read from `fromVersion` (1 or more). */
export function readRevision(fromVersion: number): bigint {
  if (!Number.isInteger(fromVersion) || fromVersion < 1)
    throw new RangeError('a stream is read from a positive version');
  return BigInt(fromVersion - 1);
}

/**
 * The service's global position of an event at KurrentDB's commit position `commit`: one more,
 * so that 0 keeps meaning "before every event" everywhere (checkpoints start at 0, and KurrentDB's
 * log starts at commit position 0). Events appended through the gRPC API are committed implicitly:
 * an event's commit position is the log position of its own record, so each has its own, rising
 * in the order of $all (`isAfter` refuses anything else). Ordered like commit positions, and a JS number: commit
 * positions are byte offsets in the transaction log and stay below 2^53 (8 PiB of log); a larger
 * one is refused rather than rounded, since rounding would break the order.
 */
export function positionOf(commit: bigint): number {
  if (commit < 0n) throw new RangeError(`not a commit position: ${commit}`);
  return checkedNumber(commit + 1n, 'commit position');
}

/** KurrentDB reports commit position 2^64-1 (or none) for an event read from its stream rather than from $all. */
const NO_POSITION = (1n << 64n) - 1n;

/** The event's position when KurrentDB told it (reads of $all always do; reads of a stream may not). */
export function positionOfRecorded(position: Position | undefined): number | undefined {
  if (!position || position.commit === NO_POSITION || position.commit < 0n) return undefined;
  return positionOf(position.commit);
}

/**
 * Where to start reading $all for the events after `after`. A subscription starts after the
 * position it is given, a read at it: callers drop what is not after `after` (see `isAfter`),
 * so either way no event is missed and none is read twice.
 */
export function readPositionAfter(after: number): ReadPosition {
  if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`not a position: ${after}`);
  if (after === 0) return START;
  const commit = BigInt(after - 1);
  return { commit, prepare: commit };
}

/**
 * Whether `position` comes after the last one read: the events of $all come in strictly rising
 * positions, and one that does not rise is either read again (at or below `after`: dropped) or a
 * log the mapping does not hold for (two events at one commit position): that one is an error,
 * since passing over it could skip an event.
 */
export function isAfter(position: number, after: number, previous: number | undefined): boolean {
  if (position <= after) return false;
  if (previous !== undefined && position <= previous) {
    throw new Error(`KurrentDB returned position ${position} after ${previous}: positions must rise`);
  }
  return true;
}

function checkedNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${value} is beyond 2^53`);
  return Number(value);
}

/**
 * The stream names of one service in a shared KurrentDB: `<namespace>.<streamId>`. The namespace
 * is also what $all is filtered on server-side, so system events and other services' are never read.
 */
export function streamName(namespace: string, streamId: string): string {
  return `${namespace}.${streamId}`;
}

export function streamIdOf(namespace: string, name: string): string {
  const prefix = `${namespace}.`;
  if (!name.startsWith(prefix)) throw new Error(`stream ${name} is not in namespace ${namespace}`);
  return name.slice(prefix.length);
}

/** A namespace: lower-case letters, digits and underscores, so it never contains the separator. */
export function isNamespace(value: string): boolean {
  return /^[a-z][a-z0-9_]{0,62}$/.test(value);
}

/**
 * What KurrentDB keeps in an event's metadata besides the event's own metadata: the columns the
 * SQL store keeps beside it (schema version, tenant, stream type, when it was recorded).
 */
export interface StoredEnvelope {
  schemaVersion: number;
  tenant: string;
  streamType: string;
  recordedAt: string;
  metadata: EventMetadata;
}

/** The milliseconds-precision UTC form the SQL store gives `recordedAt` in. */
export function recordedAtOf(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError('recordedAt is not a date');
  return date.toISOString();
}

/** The event as KurrentDB stores it: id, type and data as they are, the rest in its metadata. */
export function toEventData(
  event: NewEvent & { eventId: string },
  envelope: { tenant: string; streamType: string; recordedAt: string },
): JSONEventData {
  const metadata: StoredEnvelope = {
    schemaVersion: event.schemaVersion ?? 1,
    tenant: envelope.tenant,
    streamType: envelope.streamType,
    recordedAt: recordedAtOf(event.recordedAt ?? envelope.recordedAt),
    metadata: event.metadata,
  };
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data as JSONType,
    metadata: metadata as unknown as JSONType,
  } as JSONEventData;
}

/**
 * An event read from KurrentDB as the service records it. `position`: the one KurrentDB gave with
 * it, or the caller's when it gave none (a read of a stream).
 */
export function fromRecorded(
  namespace: string,
  event: KurrentRecordedEvent,
  position?: number,
): RecordedEvent {
  if (!event.isJson) throw new Error(`event ${event.id} is not JSON: not written by this service`);
  const envelope = event.metadata as unknown as StoredEnvelope | undefined;
  if (
    !envelope ||
    typeof envelope !== 'object' ||
    typeof envelope.tenant !== 'string' ||
    !envelope.metadata
  ) {
    throw new Error(`event ${event.id} has no envelope: not written by this service`);
  }
  return {
    position: positionOfRecorded(event.position) ?? position ?? 0,
    streamId: streamIdOf(namespace, event.streamId),
    version: versionOf(event.revision),
    eventId: event.id,
    type: event.type,
    schemaVersion: envelope.schemaVersion,
    data: event.data,
    metadata: envelope.metadata,
    tenant: envelope.tenant,
    businessDate: envelope.metadata.businessDate ?? null,
    recordedAt: envelope.recordedAt,
  };
}

/**
 * The client's error as the store's own: a wrong expected version becomes the same typed conflict
 * the SQL store throws (with the stream's version, not KurrentDB's revision); others pass unchanged.
 */
export function toStoreError(err: unknown, streamId: string, expected: ExpectedVersion): unknown {
  if (
    err instanceof Error &&
    (err as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION &&
    'actualVersion' in err
  ) {
    return new WrongExpectedVersionError(
      streamId,
      expected,
      currentVersion(err.actualVersion as CurrentRevision),
    );
  }
  return err;
}

/** A read of a stream that does not exist: KurrentDB answers it with an error, the store with nothing. */
export function isStreamNotFound(err: unknown): boolean {
  return err instanceof Error && (err as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND;
}
