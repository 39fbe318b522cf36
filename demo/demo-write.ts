// Writes the demo history into the store as the API would have: every command's events appended
// through the event store (es_append, with the stream's expected version), personal data sealed
// with the person's own key by the API's PersonalDataService, persons in its registry.
import { createHash } from 'node:crypto';
import {
  type Gender,
  type IncomeSource,
  type Party,
  type TargetGroup,
  eventSchemaVersion,
  fromDayNumber,
} from '@app/case-domain';
import {
  EventStore,
  type NewEvent,
  SqlEventStore,
  type SqlClient,
  WrongExpectedVersionError,
} from '@app/event-store';
import type { AppConfig } from '@app/runtime';
import { DEMO_TENANT, PersonalDataService } from '@app/security';
import type { History, HistoryEvent, HistoryStream } from '../bench/generator/history';
import { generateDemoHistory } from './demo-history';
import { type CaseFacts, demoPerson, documentRef, freeText, needs, question } from './demo-texts';

/** The demo cannot be written (another tenant `demo`, a stream changed since): a message for the user. */
export class DemoRefusedError extends Error {}

export interface DemoWriteResult {
  /** The day the demo torg's history ends ("today" when it was first written). */
  today: string;
  history: History;
  written: { events: number; commands: number };
  /** Events already in the store from an earlier run. */
  present: number;
  seconds: number;
}

// Every event the demo writes carries it, with the day its history ends: a later run finds the
// demo by it and completes or confirms the same history.
const CORRELATION = /^demo:(\d{4}-\d{2}-\d{2})$/;

/** Appends on their way at once (a request's worth of connections). */
const APPENDS_AT_ONCE = 16;

interface Command {
  stream: HistoryStream;
  /** The stream's version before the command. */
  from: number;
  events: HistoryEvent[];
  day: number;
}

/** Writes (or completes) the demo torg; `today` is used only when the store has no demo yet. */
export async function writeDemo(sql: SqlClient, config: AppConfig, today: string): Promise<DemoWriteResult> {
  const started = process.hrtime.bigint();
  const store = new SqlEventStore(sql);
  const anchor = await demoAnchor(sql);
  if (anchor) today = anchor;
  const history = generateDemoHistory(today);
  const commands = inGlobalOrder(history);

  const { rows } = await sql.query<{ stream_id: string; version: number }>(
    'SELECT stream_id, version FROM es_streams WHERE tenant = $1',
    [DEMO_TENANT],
  );
  const stored = new Map(rows.map((r) => [r.stream_id, Number(r.version)]));
  const personal = new PersonalDataService(sql, config);
  const seal = new Sealer(personal);

  // Recorded during the working day of the command, in the order the commands were made.
  const perDay = new Map<number, number>();
  for (const c of commands) perDay.set(c.day, (perDay.get(c.day) ?? 0) + 1);
  const seenOfDay = new Map<number, number>();

  let written = 0;
  let writtenCommands = 0;
  let present = 0;
  // Up to APPENDS_AT_ONCE appends on their way, each stream's one after another: the store sends
  // appends made at once together (one statement, one commit), as it does for concurrent requests.
  // The events are sealed one command after another, in the order the commands were made.
  const append = async (c: Command, events: NewEvent[]): Promise<void> => {
    try {
      await store.append(c.stream.streamId, events, {
        expectedVersion: c.from === 0 ? 'no_stream' : c.from,
        tenant: DEMO_TENANT,
        streamType: c.stream.streamType,
      });
      written += events.length;
      writtenCommands++;
    } catch (err) {
      if (!(err instanceof WrongExpectedVersionError) || !(await writtenByReactor(store, c))) throw err;
      present += c.events.length;
    }
  };
  let failure: { error: unknown } | undefined;
  const pending = new Set<Promise<void>>();
  const lastOfStream = new Map<string, Promise<void>>();
  for (const c of commands) {
    if (failure) break;
    const k = seenOfDay.get(c.day) ?? 0;
    seenOfDay.set(c.day, k + 1);
    const have = stored.get(c.stream.streamId) ?? 0;
    const to = c.from + c.events.length;
    if (have >= to) {
      present += c.events.length;
      continue;
    }
    if (have !== c.from) {
      throw new DemoRefusedError(
        `the stream ${c.stream.streamId} holds ${have} events where the demo expected ${c.from}: ` +
          'it was changed after an interrupted demo run; start from an empty store',
      );
    }
    const recordedAt = new Date(
      Date.parse(`${fromDayNumber(c.day)}T07:00:00.000Z`) +
        Math.floor((k * 10 * 3600 * 1000) / perDay.get(c.day)!),
    ).toISOString();
    const events: NewEvent[] = [];
    for (const [i, e] of c.events.entries()) {
      const version = c.from + i + 1;
      const data = await seal.personalise(e, `${c.stream.streamId}:${version}`);
      events.push({
        eventId: eventId(c.stream.streamId, version),
        type: e.type,
        schemaVersion: eventSchemaVersion(e.type),
        data,
        metadata: {
          tenant: DEMO_TENANT,
          actor: e.actor,
          correlationId: `demo:${today}`,
          businessDate: e.businessDate,
        },
        recordedAt,
      });
    }
    const task = (lastOfStream.get(c.stream.streamId) ?? Promise.resolve())
      .then(() => (failure ? undefined : append(c, events)))
      .catch((error: unknown) => {
        failure ??= { error };
      });
    lastOfStream.set(c.stream.streamId, task);
    pending.add(task);
    void task.then(() => pending.delete(task));
    if (pending.size >= APPENDS_AT_ONCE) await Promise.race(pending);
    stored.set(c.stream.streamId, to);
  }
  await Promise.all(pending);
  if (failure) throw failure.error;
  return {
    today,
    history,
    written: { events: written, commands: writtenCommands },
    present,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/**
 * A running service (on a PostgreSQL server) writes a decision's second half itself: its
 * meeting-protocol reactor records the meeting's side of a case's decision or agenda move, once.
 * When that is what took the command's place, the command is done.
 */
async function writtenByReactor(store: EventStore, c: Command): Promise<boolean> {
  const after = (await store.readStream(c.stream.streamId)).slice(c.from, c.from + c.events.length);
  return after.length === c.events.length && after.every((e, i) => e.type === c.events[i].type);
}

/** The day an earlier run's demo history ends, or undefined when the store has no tenant `demo` yet. */
async function demoAnchor(sql: SqlClient): Promise<string | undefined> {
  const { rows } = await sql.query<{ correlation: string | null }>(
    `SELECT metadata->>'correlationId' AS correlation FROM es_events WHERE stream_id = $1 ORDER BY version LIMIT 1`,
    [`tenant-${DEMO_TENANT}`],
  );
  if (!rows.length) return undefined;
  const m = CORRELATION.exec(rows[0].correlation ?? '');
  if (!m) {
    throw new DemoRefusedError(
      `the tenant ${DEMO_TENANT} was configured by someone else, not by the demo: the demo torg is written only ` +
        'into a store without one (use another DATA_DIR or database)',
    );
  }
  return m[1];
}

/**
 * Commands in the order they were made: by day, then by the order the generator made them. A
 * meeting's agenda is generated case by case, so its stream's versions follow this order, not the
 * generator's.
 */
function inGlobalOrder(history: History): Command[] {
  const commands: Command[] = [];
  for (const stream of history.streams) {
    let current: Command | undefined;
    for (const e of stream.events) {
      if (!current || current.events[0].seq !== e.seq) {
        current = { stream, from: 0, events: [], day: e.day };
        commands.push(current);
      }
      current.events.push(e);
    }
  }
  commands.sort((a, b) => a.day - b.day || a.events[0].seq - b.events[0].seq);
  const versions = new Map<HistoryStream, number>();
  for (const c of commands) {
    c.from = versions.get(c.stream) ?? 0;
    versions.set(c.stream, c.from + c.events.length);
  }
  return commands;
}

/** A stable event id: a second run recognises what the first wrote. */
function eventId(streamId: string, version: number): string {
  const h = createHash('sha256').update(`demo:${streamId}:${version}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// The generator's stand-in for a sealed value: the envelope's shape, bound to the person, empty.
const PLACEHOLDER = /^pd1\.([0-9a-f-]{36})\.A{16}\.A{22}\.A{4}$/;

/**
 * Turns the generator's stand-ins into what the API writes: a registered person, and real sealed
 * text in place of each placeholder.
 */
class Sealer {
  private readonly taken = new Set<string>();
  private readonly facts = new Map<string, CaseFacts>();

  constructor(private readonly personal: PersonalDataService) {}

  async personalise(event: HistoryEvent, key: string): Promise<unknown> {
    const data = structuredClone(event.data) as Record<string, unknown>;
    if (event.type === 'CaseInitiated') await this.initiation(data as unknown as InitiationData, key);
    return this.sealAll(data, event.type, key, undefined);
  }

  private async initiation(data: InitiationData, key: string): Promise<void> {
    const p = data.person;
    const personId = PLACEHOLDER.exec(p.name)![1];
    const person = demoPerson(personId, p.gender, p.birthDate, this.taken);
    const found = await this.personal.registry.findOrCreatePerson(
      DEMO_TENANT,
      person.personnummer,
      () => personId,
    );
    if (found.personId !== personId)
      throw new DemoRefusedError(
        'a demo personnummer is already registered to another person in tenant demo',
      );
    const facts: CaseFacts = {
      firstName: person.firstName,
      initiatingParty: data.initiatingParty,
      incomeSource: data.incomeSource,
      targetGroups: data.targetGroups,
    };
    this.facts.set(personId, facts);
    const seal = (text: string) => this.personal.seal(DEMO_TENANT, personId, text);
    p.name = await seal(person.name);
    p.personnummer = await seal(person.personnummer);
    if (data.consent.documentRef)
      data.consent.documentRef = await seal(documentRef(data.initiatingParty, key));
    data.question = await seal(question(facts, `${key}:question`));
    data.needs = await seal(needs(facts, `${key}:needs`));
  }

  /** Every placeholder left in the event, sealed with the text its field should hold. */
  private async sealAll(
    value: unknown,
    type: string,
    key: string,
    field: string | undefined,
  ): Promise<unknown> {
    if (typeof value === 'string') {
      const m = PLACEHOLDER.exec(value);
      if (!m) return value;
      const personId = m[1];
      const facts = this.facts.get(personId);
      const text =
        facts && (field === 'question' || field === 'needs')
          ? field === 'question'
            ? question(facts, `${key}:${field}`)
            : needs(facts, `${key}:${field}`)
          : freeText(type, field ?? '', `${key}:${field}`);
      return this.personal.seal(DEMO_TENANT, personId, text);
    }
    if (Array.isArray(value)) {
      const out = [];
      for (const [i, v] of value.entries()) out.push(await this.sealAll(v, type, `${key}:${i}`, field));
      return out;
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await this.sealAll(v, type, key, k);
      return out;
    }
    return value;
  }
}

interface InitiationData {
  person: { name: string; personnummer: string; gender: Gender; birthDate: string };
  consent: { documentRef?: string };
  initiatingParty: Party;
  incomeSource: IncomeSource;
  targetGroups: TargetGroup[];
  question: string;
  needs: string;
}
