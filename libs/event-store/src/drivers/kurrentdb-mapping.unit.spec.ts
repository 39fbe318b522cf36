import {
  ANY,
  NO_STREAM,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  type RecordedEvent as KurrentRecordedEvent,
} from '@eventstore/db-client';
import { WrongExpectedVersionError } from '../errors';
import {
  currentVersion,
  expectedRevision,
  fromRecorded,
  isAfter,
  isNamespace,
  isStreamNotFound,
  positionOf,
  positionOfRecorded,
  readPositionAfter,
  readRevision,
  recordedAtOf,
  streamIdOf,
  streamName,
  toEventData,
  toStoreError,
  versionOf,
} from './kurrentdb-mapping';

const meta = { tenant: 't1', actor: { sub: 'u1', roles: ['processledare'] }, correlationId: 'c1' };

describe('KurrentDB mapping', () => {
  describe('expected versions and revisions', () => {
    it.each([
      ['any', ANY],
      ['no_stream', NO_STREAM],
      [1, 0n],
      [2, 1n],
      [10_000, 9_999n],
    ] as const)('expected version %p is revision %p', (expected, revision) => {
      expect(expectedRevision(expected)).toBe(revision);
    });

    it.each([0, -1, 1.5, NaN])('refuses expected version %p, like the SQL store', (expected) => {
      expect(() => expectedRevision(expected)).toThrow(RangeError);
    });

    it('numbers versions from 1 where revisions count from 0; no stream is version 0', () => {
      expect(versionOf(0n)).toBe(1);
      expect(versionOf(41n)).toBe(42);
      expect(currentVersion(NO_STREAM)).toBe(0);
      expect(currentVersion(4n)).toBe(5);
      expect(() => versionOf(-1n)).toThrow(RangeError);
      expect(readRevision(1)).toBe(0n);
      expect(readRevision(9_001)).toBe(9_000n);
      expect(() => readRevision(0)).toThrow(RangeError);
    });
  });

  describe('positions', () => {
    it('is the commit position plus one, so 0 stays "before every event", in the same order', () => {
      expect(positionOf(0n)).toBe(1);
      expect(positionOf(1234n)).toBe(1235);
      const commits = [0n, 17n, 4096n, 1n << 40n, BigInt(Number.MAX_SAFE_INTEGER) - 1n];
      const positions = commits.map(positionOf);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(commits.length);
    });

    it('refuses a commit position a JS number cannot hold exactly, rather than round it', () => {
      expect(positionOf(BigInt(Number.MAX_SAFE_INTEGER) - 1n)).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => positionOf(BigInt(Number.MAX_SAFE_INTEGER))).toThrow(RangeError);
      expect(() => positionOf(-1n)).toThrow(RangeError);
    });

    it('knows an event without a position (read from its stream) from one with', () => {
      expect(positionOfRecorded(undefined)).toBeUndefined();
      expect(positionOfRecorded({ commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n })).toBeUndefined();
      expect(positionOfRecorded({ commit: 99n, prepare: 99n })).toBe(100);
    });

    it('starts a read of $all at the start, or at the commit position of the last event read', () => {
      expect(readPositionAfter(0)).toBe(START);
      expect(readPositionAfter(100)).toEqual({ commit: 99n, prepare: 99n });
      // Round trip: the position a read starts from is the event's own.
      expect(readPositionAfter(positionOf(4096n))).toEqual({ commit: 4096n, prepare: 4096n });
      expect(() => readPositionAfter(-1)).toThrow(RangeError);
      expect(() => readPositionAfter(0.5)).toThrow(RangeError);
    });

    it('drops what is not after the last position read, and refuses positions that do not rise', () => {
      expect(isAfter(100, 100, undefined)).toBe(false); // the event the read started at, read again
      expect(isAfter(101, 100, undefined)).toBe(true);
      expect(isAfter(105, 100, 101)).toBe(true);
      expect(() => isAfter(101, 100, 101)).toThrow('positions must rise');
      expect(() => isAfter(102, 100, 103)).toThrow('positions must rise');
    });
  });

  describe('streams and namespaces', () => {
    it('keeps the service’s streams under its namespace, and reads the stream id back', () => {
      expect(streamName('amt', 'case-1')).toBe('amt.case-1');
      expect(streamIdOf('amt', 'amt.case-1')).toBe('case-1');
      expect(streamIdOf('amt', 'amt.tenant-a.b')).toBe('tenant-a.b');
      expect(() => streamIdOf('amt', 'other.case-1')).toThrow('not in namespace');
      expect(() => streamIdOf('amt', '$stats-127.0.0.1:2113')).toThrow('not in namespace');
    });

    it('takes lower-case identifiers as namespaces only', () => {
      expect(isNamespace('amt')).toBe(true);
      expect(isNamespace('t_0a1b2c')).toBe(true);
      for (const bad of ['', 'Amt', 'a.b', '$all', '1amt', 'a-b']) expect(isNamespace(bad)).toBe(false);
    });
  });

  describe('errors', () => {
    it('turns the client’s wrong expected version into the store’s typed conflict, with versions', () => {
      const onExisting = new KurrentWrongExpectedVersionError(undefined, {
        streamName: 'amt.s',
        expected: 0n,
        current: 1n,
      });
      const err = toStoreError(onExisting, 's', 1);
      expect(err).toBeInstanceOf(WrongExpectedVersionError);
      expect(err).toMatchObject({ streamId: 's', expected: 1, actual: 2 });

      const onNew = new KurrentWrongExpectedVersionError(undefined, {
        streamName: 'amt.s',
        expected: 2n,
        current: NO_STREAM,
      });
      expect(toStoreError(onNew, 's', 3)).toMatchObject({ streamId: 's', expected: 3, actual: 0 });
      expect(toStoreError(onExisting, 's', 'no_stream')).toMatchObject({ expected: 'no_stream', actual: 2 });
    });

    it('passes other errors through unchanged', () => {
      const unavailable = new UnavailableError(undefined, 'down');
      expect(toStoreError(unavailable, 's', 1)).toBe(unavailable);
      const plain = new Error('boom');
      expect(toStoreError(plain, 's', 1)).toBe(plain);
      expect(toStoreError('not an error', 's', 1)).toBe('not an error');
    });

    it('knows a read of a stream that does not exist', () => {
      expect(isStreamNotFound(new StreamNotFoundError(undefined, 'amt.s'))).toBe(true);
      expect(isStreamNotFound(new UnavailableError(undefined, 'down'))).toBe(false);
      expect(isStreamNotFound(undefined)).toBe(false);
    });
  });

  describe('the envelope', () => {
    const event = {
      eventId: '7d1c3c1e-7b1a-4a53-9a43-2b1f7e0c6b11',
      type: 'CaseInitiated',
      schemaVersion: 2,
      data: { a: 1, nested: { b: [1, 2] } },
      metadata: { ...meta, causationId: 'cmd-1', businessDate: '2026-01-05' },
      recordedAt: '2026-01-06T10:00:00Z',
    };

    /** What KurrentDB gives back for what was written: the same id, type, data and metadata, JSON in between. */
    function storedAndRead(
      written: ReturnType<typeof toEventData>,
      position?: { commit: bigint; prepare: bigint },
    ) {
      return {
        streamId: 'amt.case-1',
        id: written.id,
        isJson: true,
        revision: 0n,
        type: written.type,
        created: new Date('2026-01-06T10:00:01Z'),
        data: JSON.parse(JSON.stringify(written.data)),
        metadata: JSON.parse(JSON.stringify(written.metadata)),
        position,
      } as KurrentRecordedEvent;
    }

    it('keeps id, type and data as KurrentDB’s own, and the rest in its metadata', () => {
      const written = toEventData(event, {
        tenant: 't1',
        streamType: 'case',
        recordedAt: '2026-01-07T00:00:00.000Z',
      });
      expect(written).toEqual({
        id: event.eventId,
        contentType: 'application/json',
        type: 'CaseInitiated',
        data: event.data,
        metadata: {
          schemaVersion: 2,
          tenant: 't1',
          streamType: 'case',
          recordedAt: '2026-01-06T10:00:00.000Z',
          metadata: event.metadata,
        },
      });
    });

    it('round-trips exactly: what is read is what the SQL store records', () => {
      const written = toEventData(event, {
        tenant: 't1',
        streamType: 'case',
        recordedAt: '2026-01-07T00:00:00.000Z',
      });
      expect(fromRecorded('amt', storedAndRead(written, { commit: 4096n, prepare: 4096n }))).toEqual({
        position: 4097,
        streamId: 'case-1',
        version: 1,
        eventId: event.eventId,
        type: 'CaseInitiated',
        schemaVersion: 2,
        data: { a: 1, nested: { b: [1, 2] } },
        metadata: { ...meta, causationId: 'cmd-1', businessDate: '2026-01-05' },
        tenant: 't1',
        businessDate: '2026-01-05',
        recordedAt: '2026-01-06T10:00:00.000Z',
      });
    });

    it('defaults the schema version to 1 and the recorded time to the append’s; no business date is null', () => {
      const written = toEventData(
        { eventId: event.eventId, type: 'A', data: {}, metadata: meta },
        { tenant: 't1', streamType: 'test', recordedAt: '2026-01-07T00:00:00.000Z' },
      );
      const read = fromRecorded('amt', storedAndRead(written), 12);
      expect(read).toMatchObject({
        schemaVersion: 1,
        recordedAt: '2026-01-07T00:00:00.000Z',
        businessDate: null,
        metadata: meta,
        position: 12, // no position from the server (a stream read): the caller's
      });
    });

    it('refuses events the service did not write: not JSON, or without its envelope', () => {
      const written = toEventData(event, {
        tenant: 't1',
        streamType: 'case',
        recordedAt: '2026-01-07T00:00:00.000Z',
      });
      expect(() =>
        fromRecorded('amt', { ...storedAndRead(written), isJson: false } as KurrentRecordedEvent),
      ).toThrow('not JSON');
      expect(() =>
        fromRecorded('amt', { ...storedAndRead(written), metadata: undefined } as KurrentRecordedEvent),
      ).toThrow('no envelope');
    });

    it('writes recorded times in the SQL store’s form (UTC, milliseconds) and refuses what is not a time', () => {
      expect(recordedAtOf('2026-01-06T11:00:00+01:00')).toBe('2026-01-06T10:00:00.000Z');
      expect(recordedAtOf(new Date(Date.UTC(2026, 0, 6, 10)))).toBe('2026-01-06T10:00:00.000Z');
      expect(() => recordedAtOf('yesterday')).toThrow(RangeError);
    });
  });
});
