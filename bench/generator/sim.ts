// The generator's state
import {
  type Actor,
  type CaseState,
  type CommandMeta,
  type InsatsCatalogue,
  type MeetingCommand,
  type MeetingContext,
  type MeetingState,
  type Party,
  type TenantSettings,
  DomainError,
  decideMeeting,
  evolveMeeting,
  fromDayNumber,
  isoWeekday,
} from '@app/case-domain';
import type { HistoryStream } from './history';
import { Rng } from './rng';

export interface MeetingSim {
  id: string;
  day: number;
  /** The day it was scheduled: nothing goes on its agenda before. */
  scheduledDay: number;
  state: MeetingState;
  stream: HistoryStream;
}

export interface TenantSim {
  id: string;
  settings: TenantSettings;
  /** Catalogue versions, oldest first, each from its day on. */
  catalogues: { from: number; catalogue: InsatsCatalogue; codes: string[] }[];
  units: Partial<Record<Party, string[]>>;
  processledare: Actor[];
  caseworkers: Record<Party, Actor[]>;
  meetings: MeetingSim[];
  /** Popularity of each catalogue code when choosing an insats. */
  insatsWeight: Record<string, number>;
}

export class Generator {
  readonly streams: HistoryStream[] = [];
  readonly refused = new Map<string, number>();
  readonly eventsByType = new Map<string, number>();
  seq = 0;
  events = 0;
  private readonly dates = new Map<number, string>();

  constructor(readonly rng: Rng) {}

  date(day: number): string {
    let s = this.dates.get(day);
    if (s === undefined) {
      s = fromDayNumber(day);
      this.dates.set(day, s);
    }
    return s;
  }

  meta(tenant: string, actor: Actor, day: number): CommandMeta {
    const today = this.date(day);
    return { tenant, actor, now: `${today}T09:00:00.000Z`, today };
  }

  stream(streamId: string, streamType: HistoryStream['streamType'], tenant: string): HistoryStream {
    const s: HistoryStream = { streamId, streamType, tenant, events: [] };
    this.streams.push(s);
    return s;
  }

  record(stream: HistoryStream, events: { type: string; data: unknown }[], day: number, actor: Actor): void {
    if (events.length === 0) return;
    const seq = ++this.seq;
    for (const e of events) {
      stream.events.push({
        type: e.type,
        data: e.data,
        businessDate: (e.data as { occurredOn: string }).occurredOn,
        day,
        seq,
        actor,
      });
      this.eventsByType.set(e.type, (this.eventsByType.get(e.type) ?? 0) + 1);
    }
    this.events += events.length;
  }

  refuse(err: unknown): void {
    if (!(err instanceof DomainError)) throw err;
    const key = `${err.rule ? `${err.rule} ` : ''}${err.code}`;
    this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
  }

  /** Runs a meeting command; the meeting's state moves on. */
  meeting(
    t: TenantSim,
    m: MeetingSim,
    command: MeetingCommand,
    day: number,
    actor: Actor,
    ctx: MeetingContext = {},
  ): boolean {
    try {
      const events = decideMeeting(command, m.state, ctx, this.meta(t.id, actor, day));
      for (const e of events) m.state = evolveMeeting(m.state, e);
      this.record(m.stream, events, day, actor);
      return true;
    } catch (err) {
      this.refuse(err);
      return false;
    }
  }
}

/** Fake sealed personal data: the shape of the real envelope, bound to the person, readable by no one. */
export function sealed(personId: string): string {
  return `pd1.${personId}.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA`;
}

/** R2: after its end, the consent covers no new information: users ask for a new one first (not simulated). */
export function consentEnded(s: CaseState, date: string): boolean {
  return s.status !== 'NONE' && s.consent.validUntil !== undefined && date > s.consent.validUntil;
}

export function nextWeekday(day: number): number {
  const wd = isoWeekday(fromDayNumber(day));
  return wd === 6 ? day + 2 : wd === 7 ? day + 1 : day;
}

export function catalogueAt(t: TenantSim, day: number): TenantSim['catalogues'][number] {
  let c = t.catalogues[0];
  for (const v of t.catalogues) if (v.from <= day) c = v;
  return c;
}
