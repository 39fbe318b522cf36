// A deterministic generator of national-scale history: tenants with their catalogue and units,
// weekly beredningsgrupp meetings, and cases over several years. Every event comes from the real
// deciders (decideCase, decideMeeting, decideTenant, …), command after command, with meta.today set
// to the command's business date, so each one is an event the service would have written. The
// scheduler's deadline facts (RecordDeadlineReached) are interleaved on their due dates the same way.
import {
  type Actor,
  type CaseCommand,
  type CaseContext,
  type CaseState,
  type CloseCase,
  type CommandMeta,
  type ConsultationState,
  type IncomeSource,
  type InsatsCatalogue,
  type MeetingCommand,
  type MeetingContext,
  type MeetingState,
  type Outcome,
  type Party,
  type SipInitiatorRole,
  type SurveyAnswers,
  type SurveyState,
  type TargetGroup,
  type TenantCommand,
  type TenantSettings,
  type TenantState,
  type WorkSubtype,
  DomainError,
  EXTENT_SCALE,
  FREQUENCY_SCALE,
  PARTIES,
  addMonths,
  caseDeadlines,
  decideCase,
  decideConsultation,
  decideMeeting,
  decideSurvey,
  decideTenant,
  eventSchemaVersion,
  evolveCase,
  evolveConsultation,
  evolveMeeting,
  evolveSurvey,
  evolveTenant,
  fromDayNumber,
  initialCaseState,
  initialConsultationState,
  initialMeetingState,
  initialSurveyState,
  initialTenantState,
  isOpenCase,
  isoWeekday,
  toDayNumber,
  unitCodes,
} from '@app/case-domain';
import type { SqlClient } from '@app/event-store';

// ---------------------------------------------------------------------------------------------
// Output

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

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(readonly next: () => number) {}
  /** Integer in [a, b]. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let x = this.next() * total;
    for (const [v, w] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return table[table.length - 1][0];
  }
  hex8(): string {
    return ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  }
  uuid(): string {
    const a = this.hex8();
    const b = this.hex8();
    const c = this.hex8();
    const d = this.hex8();
    const variant = (8 + (parseInt(c[0], 16) & 3)).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
  /** Roughly normal, by the sum of three uniforms. */
  around(mean: number, spread: number): number {
    return mean + ((this.next() + this.next() + this.next() - 1.5) / 1.5) * spread;
  }
}

// ---------------------------------------------------------------------------------------------
// Reference data

const SYSTEM: Actor = { sub: 'scheduler', roles: ['system'] };

const CORE_INSATSER: readonly { code: string; name: string; party: Party; weight: number }[] = [
  { code: 'AMT-AF', name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN', weight: 10 },
  { code: 'ARBETSKONSULENT', name: 'Arbetskonsulent', party: 'KOMMUN', weight: 9 },
  { code: 'PSYKOLOG', name: 'Psykolog', party: 'REGION', weight: 5 },
  { code: 'ARBETSTERAPEUT', name: 'Arbetsterapeut', party: 'REGION', weight: 5 },
  { code: 'SIP-SAMORDNARE', name: 'SIP-samordnare', party: 'KOMMUN', weight: 3 },
  { code: 'FK-SAMORDNARE', name: 'Samordnare Försäkringskassan', party: 'FORSAKRINGSKASSAN', weight: 4 },
  { code: 'STUDIEVAGLEDARE', name: 'Studie- och yrkesvägledare', party: 'KOMMUN', weight: 3 },
  { code: 'IPS', name: 'IPS – individanpassat stöd till arbete', party: 'REGION', weight: 3 },
  { code: 'FYSIOTERAPEUT', name: 'Fysioterapeut', party: 'REGION', weight: 2 },
];

const PROJECT_INSATSER: readonly { code: string; name: string; party: Party }[] = [
  { code: 'ENTER', name: 'Enter', party: 'KOMMUN' },
  { code: 'NOVA', name: 'NOVA', party: 'KOMMUN' },
  { code: 'FIA', name: 'FIA', party: 'KOMMUN' },
  { code: 'IT-SPARET', name: 'IT-spåret', party: 'ARBETSFORMEDLINGEN' },
  { code: 'KOLL-PA-FORMAGA', name: 'Koll på förmåga', party: 'REGION' },
  { code: 'STEGET-VIDARE', name: 'Steget vidare', party: 'KOMMUN' },
  { code: 'HALSOSPARET', name: 'Hälsospåret', party: 'REGION' },
  { code: 'KRAFTSAMLING', name: 'Kraftsamling', party: 'KOMMUN' },
  { code: 'VAGEN-FRAMAT', name: 'Vägen framåt', party: 'ARBETSFORMEDLINGEN' },
  { code: 'SPRAKSTOD', name: 'Språkstöd mot arbete', party: 'KOMMUN' },
];

const UNITS: Record<Party, { code: string; name: string }[]> = {
  KOMMUN: [
    { code: 'EKB', name: 'Ekonomiskt bistånd' },
    { code: 'AMA', name: 'Arbetsmarknadsenheten' },
    { code: 'SOCPSYK', name: 'Socialpsykiatri' },
    { code: 'KAA', name: 'Kommunala aktivitetsansvaret' },
  ],
  REGION: [
    { code: 'VC', name: 'Vårdcentral' },
    { code: 'VUXPSYK', name: 'Vuxenpsykiatri' },
    { code: 'REHAB', name: 'Rehabkoordinator' },
  ],
  ARBETSFORMEDLINGEN: [
    { code: 'AF-LOKAL', name: 'Lokalkontor' },
    { code: 'AF-REHAB', name: 'Arbetslivsinriktad rehabilitering' },
  ],
  FORSAKRINGSKASSAN: [
    { code: 'FK-SJUK', name: 'Sjukförsäkring' },
    { code: 'FK-AKT', name: 'Aktivitetsersättning' },
  ],
};

const INITIATING_PARTY: readonly (readonly [Party, number])[] = [
  ['KOMMUN', 45],
  ['ARBETSFORMEDLINGEN', 25],
  ['FORSAKRINGSKASSAN', 15],
  ['REGION', 15],
];

const INCOME_BY_PARTY: Record<Party, readonly (readonly [IncomeSource, number])[]> = {
  KOMMUN: [
    ['FORSORJNINGSSTOD', 70],
    ['INGEN', 8],
    ['AKTIVITETSSTOD', 6],
    ['ETABLERINGSERSATTNING', 4],
    ['SJUKPENNING', 4],
    ['ARBETSLOSHETSERSATTNING', 3],
    ['OKAND', 5],
  ],
  ARBETSFORMEDLINGEN: [
    ['AKTIVITETSSTOD', 40],
    ['ARBETSLOSHETSERSATTNING', 20],
    ['UTVECKLINGSERSATTNING', 10],
    ['ETABLERINGSERSATTNING', 10],
    ['FORSORJNINGSSTOD', 15],
    ['OKAND', 5],
  ],
  FORSAKRINGSKASSAN: [
    ['SJUKPENNING', 45],
    ['AKTIVITETSERSATTNING', 25],
    ['SJUKPENNING_SARSKILDA_FALL', 10],
    ['SJUKERSATTNING', 10],
    ['INGEN', 10],
  ],
  REGION: [
    ['SJUKPENNING', 35],
    ['FORSORJNINGSSTOD', 30],
    ['AKTIVITETSERSATTNING', 10],
    ['INGEN', 15],
    ['OKAND', 10],
  ],
};

/** Case outcomes at closure (DOMAIN.md §5), as a förbund's yearly report would show them. */
const CASE_OUTCOMES: readonly (readonly [Outcome, number])[] = [
  ['ARBETE', 20],
  ['STUDIER', 8],
  ['ARBETSSOKANDE', 12],
  ['ARBETSLIVSINRIKTAD_REHAB', 14],
  ['SJUKERSATTNING', 5],
  ['AKTIVITETSERSATTNING', 3],
  ['TRYGGHETSPENSION', 0.3],
  ['VARD_BEHANDLING', 9],
  ['ATER_REMITTENT', 11],
  ['SJUKDOM', 6],
  ['FLYTT', 3],
  ['AVBROTT', 7],
  ['ANNAT', 2],
];

const WORK_SUBTYPES: readonly (readonly [WorkSubtype, number])[] = [
  ['OSUBVENTIONERAD', 35],
  ['LONEBIDRAG', 20],
  ['NYSTARTSJOBB', 15],
  ['INTRODUKTIONSJOBB', 10],
  ['SAMHALL', 8],
  ['KOMMUNAL_ANSTALLNING', 8],
  ['ANNAN_SUBVENTION', 4],
];

/** The step (1–6) the person ends near, by outcome (DOMAIN.md §7). */
const FINAL_STEP: Record<Outcome, number> = {
  ARBETE: 6,
  STUDIER: 5.5,
  ARBETSSOKANDE: 4.5,
  ARBETSLIVSINRIKTAD_REHAB: 3.5,
  SJUKERSATTNING: 1.5,
  AKTIVITETSERSATTNING: 2,
  TRYGGHETSPENSION: 1.5,
  VARD_BEHANDLING: 2,
  ATER_REMITTENT: 3,
  SJUKDOM: 1.5,
  FLYTT: 3,
  AVBROTT: 2.5,
  SAMTYCKE_ATERKALLAT: 2.5,
  ANNAT: 3,
};

const INCOME_AFTER: Partial<Record<Outcome, IncomeSource>> = {
  ARBETE: 'LON',
  STUDIER: 'STUDIEMEDEL',
  SJUKERSATTNING: 'SJUKERSATTNING',
  AKTIVITETSERSATTNING: 'AKTIVITETSERSATTNING',
  ARBETSSOKANDE: 'AKTIVITETSSTOD',
};

const WEEKDAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'] as const;

// ---------------------------------------------------------------------------------------------
// The generator's state

interface MeetingSim {
  id: string;
  day: number;
  /** The day it was scheduled: nothing goes on its agenda before. */
  scheduledDay: number;
  state: MeetingState;
  stream: HistoryStream;
}

interface TenantSim {
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

class Generator {
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
function sealed(personId: string): string {
  return `pd1.${personId}.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA`;
}

/** R2: after its end, the consent covers no new information: users ask for a new one first (not simulated). */
function consentEnded(s: CaseState, date: string): boolean {
  return s.status !== 'NONE' && s.consent.validUntil !== undefined && date > s.consent.validUntil;
}

function nextWeekday(day: number): number {
  const wd = isoWeekday(fromDayNumber(day));
  return wd === 6 ? day + 2 : wd === 7 ? day + 1 : day;
}

function catalogueAt(t: TenantSim, day: number): TenantSim['catalogues'][number] {
  let c = t.catalogues[0];
  for (const v of t.catalogues) if (v.from <= day) c = v;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Tenants and meetings

function setupTenant(
  g: Generator,
  id: string,
  setupDay: number,
  fromDay: number,
  horizon: number,
): TenantSim {
  const r = g.rng;
  const admin: Actor = { sub: `${id}.admin`, roles: ['admin'] };
  const stream = g.stream(`tenant-${id}`, 'tenant', id);
  let state: TenantState = initialTenantState();
  const run = (command: TenantCommand, day: number) => {
    const events = decideTenant(command, state, g.meta(id, admin, day));
    for (const e of events) state = evolveTenant(state, e);
    g.record(stream, events, day, admin);
  };

  const weekday = r.weighted<(typeof WEEKDAY_NAMES)[number]>([
    ['TUESDAY', 45],
    ['WEDNESDAY', 25],
    ['THURSDAY', 20],
    ['MONDAY', 10],
  ]);
  const intervalWeeks = r.chance(0.2) ? 2 : 1;
  const anchor = fromDayNumber(setupDay);
  run(
    {
      type: 'UpsertTenantSettings',
      meetingCadence: {
        weekday,
        time: r.pick(['09:00', '13:00', '08:30']),
        intervalWeeks,
        anchorDate: anchor,
        durationMinutes: 120,
      },
      // Some förbund follow up quarterly and find 8 weeks of quiet normal.
      ...(r.chance(0.25) ? { stagnationWeeks: 13 } : {}),
    },
    setupDay,
  );
  for (const party of PARTIES) {
    const units = UNITS[party].filter((_, i) => i === 0 || r.chance(0.7));
    run({ type: 'SetPartyUnits', party, units }, setupDay);
  }
  const core = CORE_INSATSER.filter((c, i) => i < 2 || r.chance(0.75));
  const projects = [...PROJECT_INSATSER].sort(() => r.next() - 0.5).slice(0, r.int(1, 3));
  const insatsWeight: Record<string, number> = {};
  for (const c of core) {
    run({ type: 'UpsertCatalogueInsats', code: c.code, name: c.name, party: c.party }, setupDay);
    insatsWeight[c.code] = c.weight;
  }
  for (const p of projects) {
    run({ type: 'UpsertCatalogueInsats', code: p.code, name: p.name, party: p.party }, setupDay);
    insatsWeight[p.code] = r.int(3, 8);
  }
  const versions: TenantSim['catalogues'] = [snapshot(state, 0)];
  // The catalogue changes now and then: a new project starts, an old one is retired.
  if (r.chance(0.3)) {
    const day = nextWeekday(r.int(fromDay + 120, horizon - 60));
    const extra = PROJECT_INSATSER.find((p) => !(p.code in state.catalogue));
    if (extra) {
      run({ type: 'UpsertCatalogueInsats', code: extra.code, name: extra.name, party: extra.party }, day);
      insatsWeight[extra.code] = r.int(3, 8);
      versions.push(snapshot(state, day));
    }
  }
  if (r.chance(0.15) && projects.length > 1) {
    const day = nextWeekday(
      r.int(Math.max(versions[versions.length - 1].from + 1, fromDay + 200), horizon - 30),
    );
    const retired = projects[0];
    run(
      {
        type: 'UpsertCatalogueInsats',
        code: retired.code,
        name: retired.name,
        party: retired.party,
        active: false,
      },
      day,
    );
    versions.push(snapshot(state, day));
  }

  const caseworkers = {} as Record<Party, Actor[]>;
  for (const party of PARTIES) {
    caseworkers[party] = Array.from({ length: r.int(3, 10) }, (_, i) => ({
      sub: `${id}.${party.toLowerCase()}.${i + 1}`,
      roles: ['handlaggare'],
      party,
    }));
  }
  const t: TenantSim = {
    id,
    settings: state.settings,
    catalogues: versions,
    units: unitCodes(state),
    processledare: Array.from({ length: r.int(1, 3) }, (_, i) => ({
      sub: `${id}.pl.${i + 1}`,
      roles: ['processledare'],
    })),
    caseworkers,
    meetings: [],
    insatsWeight,
  };
  scheduleMeetings(g, t, weekday, intervalWeeks, setupDay, horizon);
  return t;
}

function snapshot(state: TenantState, from: number): TenantSim['catalogues'][number] {
  const catalogue = { ...state.catalogue };
  return { from, catalogue, codes: Object.keys(catalogue).filter((c) => catalogue[c].active) };
}

/** The cadence's meetings, each scheduled four weeks ahead, with attendance recorded on the day. */
function scheduleMeetings(
  g: Generator,
  t: TenantSim,
  weekday: string,
  intervalWeeks: number,
  setupDay: number,
  horizon: number,
): void {
  const r = g.rng;
  const target = WEEKDAY_NAMES.indexOf(weekday as (typeof WEEKDAY_NAMES)[number]) + 1;
  let day = setupDay + 7;
  while (isoWeekday(fromDayNumber(day)) !== target) day++;
  const members = PARTIES.map((party) => ({ party, user: t.caseworkers[party][0].sub }));
  for (; day - 28 <= horizon; day += 7 * intervalWeeks) {
    // Midsummer and Christmas weeks have no meeting.
    const date = fromDayNumber(day);
    const md = date.slice(5);
    if ((md >= '06-24' && md <= '08-05') || md >= '12-22' || md <= '01-05') continue;
    const pl = r.pick(t.processledare);
    const id = r.uuid();
    const scheduledOn = Math.max(setupDay, day - 28);
    const m: MeetingSim = {
      id,
      day,
      scheduledDay: scheduledOn,
      state: initialMeetingState(),
      stream: g.stream(`meeting-${id}`, 'meeting', t.id),
    };
    g.meeting(
      t,
      m,
      {
        type: 'ScheduleMeeting',
        meetingId: id,
        date,
        time: '09:00',
        place: r.chance(0.3) ? 'Teams' : 'AMT, rum 2',
      },
      scheduledOn,
      pl,
    );
    t.meetings.push(m);
  }
  // Attendance goes in on the meeting day; generated now, ordered by its day when written.
  for (const m of t.meetings) {
    if (m.day > horizon) continue;
    const present = members.filter(() => r.chance(0.9));
    g.meeting(
      t,
      m,
      {
        type: 'RecordAttendance',
        members: present.length ? present : members.slice(0, 1),
        ...(r.chance(0.15)
          ? { guests: [{ name: 'Adjungerad skolkurator', organisation: 'Gymnasieskolan' }] }
          : {}),
      },
      m.day,
      r.pick(t.processledare),
    );
  }
}

function meetingOnOrAfter(t: TenantSim, day: number): MeetingSim | undefined {
  const list = t.meetings;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].day < day) lo = mid + 1;
    else hi = mid;
  }
  return list[lo];
}

// ---------------------------------------------------------------------------------------------
// One case

type CommandOrBuild = CaseCommand | ((state: CaseState) => CaseCommand | undefined);
type ActorOrChoose = Actor | ((command: CaseCommand, state: CaseState) => Actor);

class CaseRun {
  state: CaseState = initialCaseState();
  stopped = false;
  lastDay = 0;
  withdrawDay?: number;
  withdrawActor?: Actor;

  constructor(
    readonly g: Generator,
    readonly t: TenantSim,
    readonly stream: HistoryStream,
    readonly horizon: number,
  ) {}

  ctx(day: number, meeting?: MeetingState): CaseContext {
    return {
      catalogue: catalogueAt(this.t, day).catalogue,
      settings: this.t.settings,
      units: this.t.units,
      ...(meeting ? { meeting } : {}),
    };
  }

  private decide(command: CaseCommand, day: number, actor: Actor, meeting?: MeetingState): boolean {
    try {
      const events = decideCase(
        command,
        this.state,
        this.ctx(day, meeting),
        this.g.meta(this.t.id, actor, day),
      );
      for (const e of events) this.state = evolveCase(this.state, e);
      this.g.record(this.stream, events, day, actor);
      this.lastDay = day;
      return events.length > 0;
    } catch (err) {
      this.g.refuse(err);
      return false;
    }
  }

  /** The scheduler: every deadline fact due by `day`, each recorded on its day (or the next one the case allows). */
  tick(day: number): void {
    for (let guard = 0; guard < 64; guard++) {
      const next = caseDeadlines(this.state, this.t.settings)[0];
      if (!next) return;
      const due = toDayNumber(next.dueOn);
      if (due > day) return;
      const on = Math.max(due, this.lastDay);
      if (
        !this.decide(
          { type: 'RecordDeadlineReached', deadline: next.kind, dueOn: this.g.date(on) },
          on,
          SYSTEM,
        )
      )
        return;
    }
  }

  /** A user's command on `day`; false when it was not made (past the horizon, withdrawn, refused, skipped). */
  exec(command: CommandOrBuild, day: number, actor: ActorOrChoose, meeting?: MeetingState): boolean {
    if (this.stopped) return false;
    if (day < this.lastDay) day = this.lastDay;
    if (this.withdrawDay !== undefined && day >= this.withdrawDay && this.state.status !== 'NONE') {
      this.withdraw();
      return false;
    }
    if (day > this.horizon) {
      this.stop();
      return false;
    }
    this.tick(day);
    const built = typeof command === 'function' ? command(this.state) : command;
    if (!built) return false;
    return this.decide(built, day, typeof actor === 'function' ? actor(built, this.state) : actor, meeting);
  }

  /** R15: the person withdraws consent; the case closes and accepts nothing but erasure. */
  private withdraw(): void {
    const day = this.withdrawDay!;
    this.withdrawDay = undefined;
    if (day > this.horizon) return this.stop();
    this.tick(day);
    this.decide({ type: 'WithdrawConsent', withdrawnOn: this.g.date(day) }, day, this.withdrawActor!);
    this.stop();
  }

  stop(): void {
    this.stopped = true;
  }

  /** Facts the scheduler has recorded by the horizon (follow-ups due, stagnation, retention …). */
  finish(): void {
    // A withdrawal planned for a case that has closed since does not happen.
    if (this.withdrawDay !== undefined && !this.stopped && isOpenCase(this.state)) this.withdraw();
    this.stopped = true;
    this.tick(this.horizon);
  }
}

interface Step {
  day: number;
  order: number;
  run: () => void;
}

function generateCase(g: Generator, t: TenantSim, initiatedDay: number, horizon: number): void {
  const r = g.rng;
  const caseId = r.uuid();
  const personId = r.uuid();
  const run = new CaseRun(g, t, g.stream(`case-${caseId}`, 'case', t.id), horizon);
  const pl = () => r.pick(t.processledare);
  const worker = (party: Party) => r.pick(t.caseworkers[party]);
  const seal = sealed(personId);

  // --- who, and initiation (R1–R4)
  const d0 = nextWeekday(initiatedDay);
  const initiator = r.weighted(INITIATING_PARTY);
  const gender = r.weighted([
    ['KVINNA', 52],
    ['MAN', 46],
    ['ANNAT_EJ_SVAR', 2],
  ] as const);
  const age = r.weighted([
    [r.int(16, 19), 11],
    [r.int(20, 29), 33],
    [r.int(30, 39), 23],
    [r.int(40, 49), 17],
    [r.int(50, 64), 15],
    [15, 0.4],
    [r.int(65, 66), 0.3],
  ] as const);
  const birthDay = d0 - age * 365 - r.int(0, 364);
  const incomeSource: IncomeSource =
    age <= 29 && initiator === 'FORSAKRINGSKASSAN' && r.chance(0.5)
      ? 'AKTIVITETSERSATTNING'
      : r.weighted(INCOME_BY_PARTY[initiator]);
  const others = PARTIES.filter(
    (p) => p !== initiator && r.chance(p === 'KOMMUN' ? 0.7 : p === 'ARBETSFORMEDLINGEN' ? 0.6 : 0.45),
  );
  if (others.length === 0) others.push(initiator === 'KOMMUN' ? 'ARBETSFORMEDLINGEN' : 'KOMMUN');
  const scope = [initiator, ...others];
  for (const p of PARTIES) if (!scope.includes(p) && r.chance(0.12)) scope.push(p);
  const targetGroups: TargetGroup[] = [];
  if (incomeSource === 'FORSORJNINGSSTOD' && r.chance(0.5)) targetGroups.push('LANGTIDSBIDRAGSTAGARE');
  if ((incomeSource === 'SJUKPENNING' || incomeSource === 'SJUKPENNING_SARSKILDA_FALL') && r.chance(0.4))
    targetGroups.push('SJUKSKRIVEN_ARBETSLOS');
  if (r.chance(0.3)) targetGroups.push('UTRIKES_FODD');
  if (r.chance(0.2)) targetGroups.push('FUNKTIONSNEDSATTNING');
  if (incomeSource === 'AKTIVITETSERSATTNING') targetGroups.push('UNG_AKTIVITETSERSATTNING');
  if (age <= 24 && r.chance(0.3))
    targetGroups.push(r.pick(['HEMMASITTARE', 'KAA', 'UNG_EJ_ETABLERAD'] as const));
  const givenOn = d0 - r.int(0, 21);
  const validUntil = r.chance(0.2) ? addMonths(g.date(givenOn), r.int(12, 36)) : undefined;
  const unitList = t.units[initiator] ?? [];
  const initiatorActor = worker(initiator);
  const ok = run.exec(
    {
      type: 'InitiateCase',
      caseId,
      person: {
        personId,
        name: seal,
        personnummer: seal,
        gender,
        birthDate: g.date(birthDay),
        ...(r.chance(0.01) ? { protectedIdentity: true } : {}),
      },
      consent: {
        givenBy:
          age < 18 && r.chance(0.6)
            ? 'VARDNADSHAVARE'
            : r.weighted([
                ['PERSON', 94],
                ['GOD_MAN', 4],
                ['FORVALTARE', 2],
              ] as const),
        givenOn: g.date(givenOn),
        form: r.weighted([
          ['SKRIFTLIG', 70],
          ['DIGITAL', 20],
          ['MUNTLIG', 10],
        ] as const),
        ...(r.chance(0.6) ? { documentRef: seal } : {}),
        scopeParties: scope,
        ...(validUntil ? { validUntil } : {}),
      },
      initiatingParty: initiator,
      ...(unitList.length && r.chance(0.85) ? { initiatingUnit: r.pick(unitList) } : {}),
      otherParties: others,
      question: seal,
      needs: seal,
      incomeSource,
      targetGroups,
      initiatedOn: g.date(d0),
    },
    d0,
    initiatorActor,
  );
  if (!ok) return run.finish();
  if (r.chance(0.02)) {
    run.withdrawDay = d0 + r.int(3, 500);
    run.withdrawActor = initiatorActor;
  }

  // --- intake (R5)
  let day = d0;
  if (r.chance(0.06)) {
    day = nextWeekday(day + r.int(1, 7));
    run.exec({ type: 'ReturnCase', reason: seal, returnedOn: g.date(day) }, day, pl());
    if (r.chance(0.08)) return run.finish(); // never completed: stays returned
    day = nextWeekday(day + r.int(2, 21));
    run.exec(
      {
        type: 'ResubmitCase',
        needs: seal,
        ...(r.chance(0.5) ? { question: seal } : {}),
        resubmittedOn: g.date(day),
      },
      day,
      initiatorActor,
    );
  }
  day = nextWeekday(day + r.int(1, 10));
  if (!run.exec({ type: 'AcceptCase', acceptedOn: g.date(day) }, day, pl())) return run.finish();

  // --- beredning (R6): ~70% go on an agenda, the rest straight to an insats
  let coordinationFrom = day;
  let decision: 'FORDJUPAD_SAMORDNING' | 'EJ_FORDJUPAD_SAMORDNING' | undefined;
  if (r.chance(0.7)) {
    let meeting = meetingOnOrAfter(t, day + 2);
    let addedOn = meeting ? Math.max(day, meeting.scheduledDay) : day;
    let movedFrom: string | undefined;
    for (let round = 0; meeting && round < 4; round++) {
      const m: MeetingSim = meeting;
      const state = run.state;
      if (addedOn > horizon || run.stopped) break;
      // R2: the agenda shares the case until the meeting; only while the consent covers it.
      if (consentEnded(state, g.date(Math.max(addedOn, m.day)))) break;
      const added = g.meeting(
        t,
        m,
        {
          type: 'AddCaseToAgenda',
          caseId,
          ...(r.chance(0.08) ? { priority: true } : {}),
          ...(movedFrom ? { movedFrom } : {}),
        },
        addedOn,
        pl(),
        { caseState: state },
      );
      if (!added) break;
      const final = r.next();
      const chosen =
        round < 3 && final < 0.07
          ? 'BORDLAGD'
          : round < 3 && final < 0.11
            ? 'KOMPLETTERING'
            : r.chance(0.82)
              ? 'FORDJUPAD_SAMORDNING'
              : 'EJ_FORDJUPAD_SAMORDNING';
      const meetingDate = g.date(m.day);
      const decided = run.exec(
        (s) => {
          if (s.status === 'NONE' || consentEnded(s, meetingDate)) return undefined;
          const scopeNow = s.consent.scopeParties.filter((p) => s.endedParties[p] === undefined);
          const ownerParty =
            r.chance(0.55) && scopeNow.includes(s.initiatingParty) ? s.initiatingParty : r.pick(scopeNow);
          const codes = catalogueAt(t, m.day).codes.filter((c) =>
            scopeNow.includes(catalogueAt(t, m.day).catalogue[c].party),
          );
          return {
            type: 'RecordDecision',
            meetingId: m.id,
            decision: chosen,
            ...(chosen === 'FORDJUPAD_SAMORDNING'
              ? {
                  ownerParty,
                  ...(r.chance(0.7) ? { ownerUser: worker(ownerParty).sub } : {}),
                  recommendedInsatser: codes.length
                    ? [r.pick(codes), ...(r.chance(0.3) ? [r.pick(codes)] : [])]
                    : [],
                }
              : {}),
            ...(chosen === 'EJ_FORDJUPAD_SAMORDNING' ? { recommendation: seal } : {}),
            ...(r.chance(0.03) ? { notParticipating: [{ party: r.pick(PARTIES), user: 'jav' }] } : {}),
            decidedOn: meetingDate,
          };
        },
        m.day,
        pl(),
        m.state,
      );
      if (!decided) break;
      g.meeting(
        t,
        m,
        { type: 'RecordMeetingDecision', caseId, decision: chosen, decidedOn: meetingDate },
        m.day,
        pl(),
      );
      coordinationFrom = m.day;
      if (chosen === 'FORDJUPAD_SAMORDNING' || chosen === 'EJ_FORDJUPAD_SAMORDNING') {
        decision = chosen;
        break;
      }
      // Postponed: to the next meeting; more information needed: a couple of meetings later.
      const next = meetingOnOrAfter(t, m.day + (chosen === 'BORDLAGD' ? 1 : 14));
      if (!next) break;
      // The handler moves a case only to a meeting that exists already.
      if (chosen === 'BORDLAGD' && next.scheduledDay <= m.day) {
        if (
          !g.meeting(t, m, { type: 'MoveAgendaItem', caseId, toMeetingId: next.id }, m.day, pl(), {
            targetMeeting: next.state,
          })
        )
          break;
        movedFrom = m.id;
        addedOn = m.day;
      } else {
        movedFrom = undefined;
        addedOn = Math.max(next.scheduledDay, Math.min(next.day, nextWeekday(m.day + r.int(3, 10))));
      }
      meeting = next;
    }
    if (run.stopped) return run.finish();
  }

  if (decision === 'EJ_FORDJUPAD_SAMORDNING' && r.chance(0.9)) {
    // Back to the initiator, who closes the case here.
    const closeDay = nextWeekday(coordinationFrom + r.int(5, 40));
    const outcome = r.weighted<Outcome>([
      ['ATER_REMITTENT', 75],
      ['ARBETSLIVSINRIKTAD_REHAB', 8],
      ['VARD_BEHANDLING', 8],
      ['ARBETSSOKANDE', 5],
      ['AVBROTT', 4],
    ]);
    if (
      run.exec(
        closeCommand(r, outcome, closeDay, g, seal, 0.6, 0, 3),
        closeDay,
        r.chance(0.5) ? pl() : closer(r, t),
      )
    )
      afterClosure(run, g, r, t, closeDay, seal, undefined, false);
    return run.finish();
  }

  coordinate(run, g, r, t, coordinationFrom, seal);
  run.finish();
}

/** The ärendebärare, as an actor: its named user, or a caseworker of its party. */
function ownerActor(r: Rng, t: TenantSim, s: CaseState): Actor | undefined {
  if (s.status === 'NONE' || !s.owner) return undefined;
  const owner = s.owner;
  return owner.user
    ? { sub: owner.user, roles: ['handlaggare'], party: owner.party }
    : r.pick(t.caseworkers[owner.party]);
}

/** Who closes (R12): the ärendebärare, or the initiating party while there is none. */
function closer(r: Rng, t: TenantSim): ActorOrChoose {
  return (_command, s) =>
    ownerActor(r, t, s) ?? r.pick(t.caseworkers[s.status === 'NONE' ? 'KOMMUN' : s.initiatingParty]);
}

/** Closure (R12) with an outcome (§5), the survey and the final progression rating. */
function closeCommand(
  r: Rng,
  outcome: Outcome,
  day: number,
  g: Generator,
  seal: string,
  offered: number,
  answered: number,
  step: number,
): CloseCase {
  const isOffered = r.chance(offered);
  return {
    type: 'CloseCase',
    closedOn: g.date(day),
    ...outcomeFields(r, outcome, seal),
    slutdokumentation: true,
    survey: { offered: isOffered, answered: isOffered && r.chance(answered) },
    step: Math.max(1, Math.min(6, Math.round(r.around(step, 0.7)))),
    vas: Math.max(0, Math.min(100, Math.round(r.around(40 + step * 7, 15)))),
  } as CloseCase;
}

function outcomeFields(
  r: Rng,
  outcome: Outcome,
  seal: string,
): { outcome: Outcome; subtype?: WorkSubtype; extentPercent?: number; otherReason?: string } {
  if (outcome === 'ARBETE')
    return { outcome, subtype: r.weighted(WORK_SUBTYPES), extentPercent: r.pick([25, 50, 75, 100, 100]) };
  if (outcome === 'STUDIER') return { outcome, extentPercent: r.pick([50, 75, 100, 100]) };
  if ((outcome === 'SJUKERSATTNING' || outcome === 'AKTIVITETSERSATTNING') && r.chance(0.4))
    return { outcome, extentPercent: r.pick([25, 50, 75]) };
  if (outcome === 'ANNAT') return { outcome, otherReason: seal };
  return { outcome };
}

/** Coordination: insatser, SIP, follow-ups at 3/6/9/12 months, handover, party exits, closure, reopening. */
function coordinate(run: CaseRun, g: Generator, r: Rng, t: TenantSim, from: number, seal: string): void {
  if (run.state.status === 'NONE') return;
  const facts = run.state;
  const scope = facts.consent.scopeParties;
  const steps: Step[] = [];
  let order = 0;
  const at = (day: number, fn: () => void) => steps.push({ day, order: order++, run: fn });
  const pl = () => r.pick(t.processledare);
  const worker = (party: Party) => r.pick(t.caseworkers[party]);
  const caseWorker = (s: CaseState): Actor =>
    (r.chance(0.7) ? ownerActor(r, t, s) : undefined) ?? (r.chance(0.3) ? pl() : worker(r.pick(scope)));

  const outcome = r.weighted(CASE_OUTCOMES);
  const stepStart = r.weighted([
    [1, 30],
    [2, 40],
    [3, 25],
    [4, 5],
  ] as const);
  const stepEnd = FINAL_STEP[outcome];
  const incomeEnd = INCOME_AFTER[outcome];

  // The first insats: mostly within the 90 days (R7), some late.
  const firstStart = nextWeekday(from + (r.chance(0.86) ? r.int(0, 45) : r.int(60, 160)));
  // Coordination typically runs for a year, with one to three insatser, some in parallel.
  const duration = r.int(150, 600);
  const insatsCount = r.weighted([
    [1, 40],
    [2, 40],
    [3, 20],
  ] as const);
  const starts = [firstStart];
  for (let i = 1; i < insatsCount; i++) starts.push(nextWeekday(starts[i - 1] + r.int(0, 120)));
  const ends = starts.map((s, i) =>
    nextWeekday(s + (i === 0 ? duration : r.int(60, Math.max(61, duration - (s - firstStart) + 60)))),
  );
  const lastEnd = Math.max(...ends);
  const closeDay = nextWeekday(lastEnd + r.int(0, 30));
  const endExplicitly = ends.map(() => r.chance(0.55));
  const insatsIds = starts.map(() => r.uuid());
  const startedCodes: string[] = [];

  starts.forEach((startDay, i) => {
    at(startDay, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE' || (s.consent.validUntil && g.date(startDay) > s.consent.validUntil))
            return undefined;
          const cat = catalogueAt(t, startDay);
          const usable = cat.codes.filter((c) => {
            const party = cat.catalogue[c].party;
            return (
              s.consent.scopeParties.includes(party) &&
              s.endedParties[party] === undefined &&
              !startedCodes.includes(c)
            );
          });
          if (!usable.length) return undefined;
          const code = r.weighted(usable.map((c) => [c, t.insatsWeight[c] ?? 1] as const));
          startedCodes.push(code);
          return {
            type: 'StartInsats',
            insatsId: insatsIds[i],
            insatsCode: code,
            startedOn: g.date(startDay),
            step: stepStart,
            vas: Math.max(0, Math.min(100, Math.round(r.around(45, 15)))),
          };
        },
        startDay,
        // A caseworker of the providing party, or the processledare.
        (command) =>
          r.chance(0.8) && command.type === 'StartInsats'
            ? worker(catalogueAt(t, startDay).catalogue[command.insatsCode].party)
            : pl(),
      );
    });
  });

  // R10: follow-ups at 3, 6, 9 and 12 months from the first start, mostly on time.
  for (const month of [3, 6, 9, 12] as const) {
    const due = toDayNumber(addMonths(g.date(firstStart), month));
    if (due >= closeDay) break;
    const kind = r.next();
    if (kind < 0.05) continue; // never recorded: overdue stays visible
    // The queue shows a follow-up from its due date: most are recorded within days of it.
    const offset = kind < 0.75 ? r.int(-5, 10) : kind < 0.9 ? r.int(11, 14) : r.int(15, 50);
    const day = nextWeekday(due + offset);
    if (day >= closeDay) continue;
    const progress = month / 12;
    at(day, () => {
      run.exec(
        (s) =>
          s.status === 'NONE' || consentEnded(s, g.date(day))
            ? undefined
            : {
                type: 'RecordFollowUp',
                month,
                recordedOn: g.date(day),
                incomeSource:
                  incomeEnd && r.chance(progress * 0.6)
                    ? incomeEnd
                    : r.chance(0.05)
                      ? 'OKAND'
                      : s.currentIncomeSource,
                step: Math.max(
                  1,
                  Math.min(6, Math.round(stepStart + (stepEnd - stepStart) * progress + r.around(0, 0.8))),
                ),
                vas: Math.max(
                  0,
                  Math.min(100, Math.round(r.around(45 + (stepEnd - stepStart) * 6 * progress, 12))),
                ),
                ...(r.chance(0.4) ? { notes: seal } : {}),
              },
        day,
        caseWorker(run.state),
      );
    });
  }

  // R8: a SIP for about a quarter of the cases, where the kommun or the region is in the consent.
  const sipParty = scope.filter((p) => p === 'KOMMUN' || p === 'REGION');
  if (sipParty.length && r.chance(0.3)) {
    planSip(run, g, r, t, at, nextWeekday(from + r.int(0, 40)), 'FORSTA', sipParty, closeDay);
  }

  // R11: a handover now and then (staff change often).
  if (r.chance(0.2)) {
    const day = nextWeekday(r.int(firstStart, Math.max(firstStart, closeDay - 10)));
    at(day, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE' || !s.owner || consentEnded(s, g.date(day))) return undefined;
          const owner = s.owner;
          const candidates = s.consent.scopeParties.filter((p) => s.endedParties[p] === undefined);
          const toParty = r.chance(0.6) ? owner.party : r.pick(candidates);
          const toUser = worker(toParty).sub;
          if (toParty === owner.party && toUser === owner.user) return undefined;
          return {
            type: 'HandOverOwnership',
            toParty,
            toUser,
            ...(r.chance(0.3) ? { reason: seal } : {}),
            handedOverOn: g.date(day),
          };
        },
        day,
        r.chance(0.5) ? pl() : (_command, s) => ownerActor(r, t, s) ?? pl(),
      );
    });
  }

  // R12: a party leaves while the others go on (AF keeps its part as long as it works with the person).
  if (r.chance(0.2)) {
    const day = nextWeekday(r.int(firstStart + 30, Math.max(firstStart + 30, closeDay - 5)));
    at(day, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE') return undefined;
          const leaving = [s.initiatingParty, ...s.otherParties].filter(
            (p) =>
              s.owner?.party !== p &&
              s.endedParties[p] === undefined &&
              !Object.values(s.insatser).some((i) => i.party === p && i.ended === undefined),
          );
          return leaving.length
            ? { type: 'EndPartyInvolvement', party: r.pick(leaving), endedOn: g.date(day) }
            : undefined;
        },
        day,
        pl(),
      );
    });
  }

  // Insatser end with their own outcome, or with the case.
  ends.forEach((endDay, i) => {
    if (!endExplicitly[i] || endDay >= closeDay) return;
    at(endDay, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE') return undefined;
          const insats = s.insatser[insatsIds[i]];
          if (!insats || insats.ended) return undefined;
          const reason = r.chance(0.6) ? outcome : r.weighted(CASE_OUTCOMES);
          const { outcome: code, ...details } = outcomeFields(r, reason, seal);
          return {
            type: 'EndInsats',
            insatsId: insatsIds[i],
            endedOn: g.date(endDay),
            reason: code,
            ...details,
          };
        },
        endDay,
        caseWorker(run.state),
      );
    });
  });

  at(closeDay, () => {
    const command = closeCommand(r, outcome, closeDay, g, seal, 0.85, 0.6, stepEnd);
    if (run.exec(command, closeDay, r.chance(0.5) ? pl() : closer(r, t)))
      afterClosure(
        run,
        g,
        r,
        t,
        closeDay,
        seal,
        startedCodes[startedCodes.length - 1],
        command.survey.answered,
      );
  });

  while (steps.length) {
    let best = 0;
    for (let i = 1; i < steps.length; i++) {
      if (
        steps[i].day < steps[best].day ||
        (steps[i].day === steps[best].day && steps[i].order < steps[best].order)
      )
        best = i;
    }
    const [step] = steps.splice(best, 1);
    step.run();
    if (run.stopped) return;
  }
}

function planSip(
  run: CaseRun,
  g: Generator,
  r: Rng,
  t: TenantSim,
  at: (day: number, fn: () => void) => void,
  requestDay: number,
  kind: 'FORSTA' | 'UPPFOLJNING',
  sipParties: Party[],
  closeDay: number,
): void {
  if (requestDay >= closeDay) return;
  const sipId = r.uuid();
  const party = r.pick(sipParties);
  const actor: Actor = r.chance(0.85) ? r.pick(t.caseworkers[party]) : r.pick(t.processledare);
  const role: SipInitiatorRole =
    actor.party === 'REGION'
      ? r.weighted([
          ['VARDEN', 80],
          ['ARBETSKONSULENT', 10],
          ['ANNAN', 10],
        ] as const)
      : actor.party === 'KOMMUN'
        ? r.weighted([
            ['SOCIALSEKRETERARE', 60],
            ['VUXENSTOD', 15],
            ['ARBETSKONSULENT', 15],
            ['ARBETSCOACH', 10],
          ] as const)
        : r.weighted([
            ['PROCESSLEDARE', 60],
            ['SOCIALSEKRETERARE', 40],
          ] as const);
  at(requestDay, () => {
    run.exec(
      (s) =>
        s.status === 'NONE' || (s.consent.validUntil && g.date(requestDay) > s.consent.validUntil)
          ? undefined
          : {
              type: 'RequestSip',
              sipId,
              initiatorRole: role,
              kind,
              formote: r.chance(0.35),
              requestedOn: g.date(requestDay),
            },
      requestDay,
      actor,
    );
  });
  let bookDay = nextWeekday(requestDay + r.int(1, 14));
  let sipDay = nextWeekday(bookDay + r.int(7, 35));
  const book = (day: number, date: number) =>
    at(day, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE' || !s.sips[sipId]) return undefined;
          // R8: the consent covers the booking and the SIP's own date.
          if (consentEnded(s, g.date(Math.max(day, date)))) return undefined;
          const invited = s.consent.scopeParties.filter(
            (p) => s.endedParties[p] === undefined && (p === party || r.chance(0.7)),
          );
          if (!invited.includes(party)) return undefined;
          return {
            type: 'BookSip',
            sipId,
            date: g.date(date),
            parties: invited,
            leader: party,
            documenter: r.pick(invited),
            ...(r.chance(0.3) ? { externalRef: `BOK-${r.int(100000, 999999)}` } : {}),
          };
        },
        day,
        actor,
      );
    });
  if (bookDay >= closeDay) return;
  book(bookDay, sipDay);
  if (r.chance(0.08)) {
    const cancelDay = nextWeekday(bookDay + r.int(1, Math.max(1, sipDay - bookDay)));
    if (cancelDay < closeDay) {
      at(cancelDay, () => {
        run.exec(
          (s) =>
            s.status !== 'NONE' && s.sips[sipId]?.status === 'BOOKED'
              ? { type: 'CancelSip', sipId, cancelledOn: g.date(cancelDay) }
              : undefined,
          cancelDay,
          actor,
        );
      });
    }
    return;
  }
  if (r.chance(0.1)) {
    bookDay = Math.max(bookDay + 1, sipDay - r.int(1, 5));
    sipDay = nextWeekday(sipDay + r.int(7, 21));
    if (bookDay >= closeDay) return;
    book(bookDay, sipDay);
  }
  if (sipDay >= closeDay) return;
  at(sipDay, () => {
    const held = run.exec(
      (s) => {
        if (s.status === 'NONE') return undefined;
        const sip = s.sips[sipId];
        if (!sip || sip.status !== 'BOOKED') return undefined;
        if (s.consent.validUntil && g.date(sipDay) > s.consent.validUntil) return undefined;
        const invited = sip.booking.parties.filter((p) => s.consent.scopeParties.includes(p));
        const attendees = invited.filter((p) => p === party || r.chance(0.85));
        const items = r.int(1, 3);
        return {
          type: 'RecordSipHeld',
          sipId,
          heldOn: g.date(sipDay),
          attendees,
          plan: Array.from({ length: items }, () => ({
            goal: sealed(s.person.personId),
            action: sealed(s.person.personId),
            responsibleParty: r.pick(attendees),
          })),
          ...(r.chance(0.07) ? { personAttended: false } : {}),
        };
      },
      sipDay,
      actor,
    );
    if (held && kind === 'FORSTA' && r.chance(0.35)) {
      planSip(run, g, r, t, at, nextWeekday(sipDay + r.int(60, 150)), 'UPPFOLJNING', sipParties, closeDay);
    }
  });
}

/** After closure: the NNS survey, the post-closure follow-up (R14), now and then a reopening (R13). */
function afterClosure(
  run: CaseRun,
  g: Generator,
  r: Rng,
  t: TenantSim,
  closeDay: number,
  seal: string,
  lastInsats: string | undefined,
  answered: boolean,
): void {
  if (run.state.status !== 'CLOSED') return;
  if (answered && lastInsats)
    submitSurvey(g, r, t, lastInsats, nextWeekday(closeDay + r.int(0, 10)), run.horizon);

  if (r.chance(0.03)) {
    // R13: rehabilitation is not linear.
    const reopenDay = nextWeekday(closeDay + r.int(30, 200));
    // R2: a case whose consent has ended is not reopened (users ask for a new consent first).
    if (
      !run.exec(
        (st) =>
          consentEnded(st, g.date(reopenDay))
            ? undefined
            : { type: 'ReopenCase', reason: seal, reopenedOn: g.date(reopenDay) },
        reopenDay,
        r.pick(t.processledare),
      )
    )
      return;
    const startDay = nextWeekday(reopenDay + r.int(0, 30));
    const insatsId = r.uuid();
    run.exec(
      (st) => {
        if (st.status === 'NONE') return undefined;
        const cat = catalogueAt(t, startDay);
        const usable = cat.codes.filter(
          (c) =>
            st.consent.scopeParties.includes(cat.catalogue[c].party) &&
            st.endedParties[cat.catalogue[c].party] === undefined,
        );
        if (!usable.length || (st.consent.validUntil && g.date(startDay) > st.consent.validUntil))
          return undefined;
        return {
          type: 'StartInsats',
          insatsId,
          insatsCode: r.pick(usable),
          startedOn: g.date(startDay),
          step: r.int(2, 4),
        };
      },
      startDay,
      r.pick(t.processledare),
    );
    const again = nextWeekday(startDay + r.int(60, 240));
    const outcome = r.weighted(CASE_OUTCOMES);
    if (
      run.exec(
        closeCommand(r, outcome, again, g, seal, 0.8, 0, FINAL_STEP[outcome]),
        again,
        r.pick(t.processledare),
      )
    ) {
      afterClosure(run, g, r, t, again, seal, undefined, false);
    }
    return;
  }
  if (r.chance(0.4)) {
    // R14: is the outcome lasting? Recorded around a year after closure.
    const day = nextWeekday(toDayNumber(addMonths(g.date(closeDay), 12)) + r.int(-20, 25));
    run.exec(
      (st) =>
        st.status === 'CLOSED' && !consentEnded(st, g.date(day))
          ? {
              type: 'RecordFollowUp',
              month: 'POST_CLOSURE',
              recordedOn: g.date(day),
              incomeSource:
                INCOME_AFTER[st.closure.outcome] && r.chance(0.7)
                  ? INCOME_AFTER[st.closure.outcome]!
                  : st.currentIncomeSource,
              step: Math.max(1, Math.min(6, Math.round(r.around(FINAL_STEP[st.closure.outcome], 0.8)))),
            }
          : undefined,
      day,
      r.pick(t.processledare),
    );
  }
}

/** The NNS avslutsenkät (§8): anonymous, its own stream, linked only to the insats. */
function submitSurvey(
  g: Generator,
  r: Rng,
  t: TenantSim,
  insatsCode: string,
  day: number,
  horizon: number,
): void {
  if (day > horizon) return;
  const surveyId = r.uuid();
  const stream = g.stream(`survey-${surveyId}`, 'survey', t.id);
  const freq = () => (r.chance(0.7) ? FREQUENCY_SCALE[r.int(3, 5)] : FREQUENCY_SCALE[r.int(0, 2)]);
  const extent = () => (r.chance(0.65) ? EXTENT_SCALE[r.int(3, 5)] : EXTENT_SCALE[r.int(0, 2)]);
  const answers: SurveyAnswers = {};
  if (r.chance(0.95)) answers.q1 = freq();
  if (r.chance(0.95)) answers.q2 = freq();
  if (r.chance(0.93)) answers.q3 = freq();
  if (r.chance(0.95)) answers.q4 = r.chance(0.85) ? 'JA' : 'NEJ';
  if (r.chance(0.9)) answers.q5 = extent();
  if (r.chance(0.9)) answers.q6 = extent();
  if (r.chance(0.9)) answers.q7 = extent();
  if (r.chance(0.9)) answers.q8 = r.chance(0.6) ? 'JA' : 'NEJ';
  if (answers.q8 === 'JA') {
    answers.q9 = extent();
    if (r.chance(0.9)) answers.q10 = extent();
  }
  const actor = r.pick(t.processledare);
  let state: SurveyState = initialSurveyState();
  try {
    const events = decideSurvey(
      { type: 'SubmitClosingSurvey', surveyId, insatsCode, answeredOn: g.date(day), answers },
      state,
      { catalogue: catalogueAt(t, day).catalogue },
      g.meta(t.id, actor, day),
    );
    for (const e of events) state = evolveSurvey(state, e);
    g.record(stream, events, day, actor);
  } catch (err) {
    g.refuse(err);
  }
}

/** Volyminsatser: consultations about a case without registering the person. */
function recordConsultations(
  g: Generator,
  t: TenantSim,
  count: number,
  fromDay: number,
  horizon: number,
): void {
  const r = g.rng;
  for (let i = 0; i < count; i++) {
    const day = nextWeekday(r.int(fromDay, horizon - 2));
    const cat = catalogueAt(t, day);
    const code = r.pick(cat.codes);
    const party = cat.catalogue[code].party;
    const actor = r.chance(0.7) ? r.pick(t.caseworkers[party]) : r.pick(t.processledare);
    const id = r.uuid();
    const stream = g.stream(`consultation-${id}`, 'consultation', t.id);
    let state: ConsultationState = initialConsultationState();
    try {
      const events = decideConsultation(
        { type: 'RecordConsultation', consultationId: id, insatsCode: code, heldOn: g.date(day) },
        state,
        { catalogue: cat.catalogue },
        g.meta(t.id, actor, day),
      );
      for (const e of events) state = evolveConsultation(state, e);
      g.record(stream, events, day, actor);
    } catch (err) {
      g.refuse(err);
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Generates the whole history in memory, deterministically for a given seed and options. */
export function generateHistory(options: GeneratorOptions = {}): History {
  const seed = options.seed ?? 20260101;
  const tenantCount = options.tenants ?? 80;
  const cases = options.cases ?? 100_000;
  const years = options.years ?? 6;
  const today = options.today ?? '2026-06-30';
  const horizon = toDayNumber(today);
  const fromDay = toDayNumber(addMonths(today, -12 * years)) + 1;
  const g = new Generator(new Rng(mulberry32(seed)));
  const r = g.rng;

  // Torg differ in size: a few large cities, many small förbund.
  const weights = Array.from({ length: tenantCount }, (_, i) => 1 / Math.pow(i + 3, 0.9));
  const total = weights.reduce((a, b) => a + b, 0);
  const perTenant = weights.map((w) => Math.floor((cases * w) / total));
  for (
    let i = 0, left = cases - perTenant.reduce((a, b) => a + b, 0);
    left > 0;
    i = (i + 1) % tenantCount, left--
  )
    perTenant[i]++;

  const tenants: History['tenants'] = [];
  let meetings = 0;
  for (let i = 0; i < tenantCount; i++) {
    const id = `torg-${String(i + 1).padStart(2, '0')}`;
    const t = setupTenant(g, id, fromDay - 60, fromDay, horizon);
    meetings += t.meetings.length;
    // Intake grows a little over the years, and dips in July.
    const days: number[] = [];
    while (days.length < perTenant[i]) {
      const day = r.int(fromDay, horizon);
      const month = fromDayNumber(day).slice(5, 7);
      const keep =
        (month === '07' ? 0.35 : month === '12' ? 0.8 : 1) *
        (0.8 + (0.2 * (day - fromDay)) / (horizon - fromDay));
      if (r.chance(keep)) days.push(day);
    }
    days.sort((a, b) => a - b);
    for (const day of days) generateCase(g, t, day, horizon);
    recordConsultations(g, t, Math.round(perTenant[i] * 0.25), fromDay, horizon);
    tenants.push({ id, cases: perTenant[i] });
  }

  const streams = g.streams.filter((s) => s.events.length > 0);
  return {
    seed,
    from: fromDayNumber(fromDay),
    today,
    tenants,
    streams,
    counts: {
      cases,
      events: g.events,
      streams: streams.length,
      meetings,
      eventsByType: Object.fromEntries([...g.eventsByType].sort((a, b) => b[1] - a[1])),
      refused: Object.fromEntries([...g.refused].sort((a, b) => b[1] - a[1])),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Bulk write

export interface WriteOptions {
  /** Rows per INSERT statement. */
  batchRows?: number;
}

const INSERT_EVENTS = `
  INSERT INTO es_events (event_id, stream_id, version, tenant, type, schema_version, data, metadata, business_date, recorded_at)
  SELECT event_id, stream_id, version, tenant, type, schema_version, data, metadata, business_date, recorded_at
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (event_id uuid, stream_id text, version bigint, tenant text, type text,
           schema_version integer, data jsonb, metadata jsonb, business_date date, recorded_at timestamptz))
         WITH ORDINALITY AS x(event_id, stream_id, version, tenant, type, schema_version, data, metadata, business_date, recorded_at, n)
   ORDER BY n`;

const INSERT_STREAMS = `
  INSERT INTO es_streams (stream_id, tenant, stream_type, version, updated_at)
  SELECT stream_id, tenant, stream_type, version, updated_at
    FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, tenant text, stream_type text, version bigint, updated_at timestamptz)`;

/**
 * Writes a generated history straight into es_events and es_streams, many rows per statement, in
 * global order: by the day each command was recorded, then by generation order, so positions
 * follow business dates and every stream's events keep their order. It bypasses es_append (no
 * expected-version checks, no position lock): NOTHING ELSE MAY APPEND to the store meanwhile, and
 * the streams must not exist yet. Readers (subscriptions) may run; they see whole batches.
 */
export async function writeHistory(
  sql: SqlClient,
  history: History,
  options: WriteOptions = {},
): Promise<{ events: number; streams: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const batchRows = options.batchRows ?? 5000;
  const idRng = new Rng(mulberry32(history.seed ^ 0x5eed1d));

  // Bucket every event by its day; within a day, by sequence (Array#sort is stable, so a command's
  // events stay in order).
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const s of history.streams) {
    for (const e of s.events) {
      if (e.day < minDay) minDay = e.day;
      if (e.day > maxDay) maxDay = e.day;
    }
  }
  const buckets: { s: number; e: number; seq: number }[][] = Array.from(
    { length: maxDay - minDay + 1 },
    () => [],
  );
  history.streams.forEach((s, si) => {
    let prev = -Infinity;
    s.events.forEach((e, ei) => {
      if (s.streamType === 'case' && e.day < prev) throw new Error(`${s.streamId}: events out of day order`);
      prev = e.day;
      buckets[e.day - minDay].push({ s: si, e: ei, seq: e.seq });
    });
  });

  const versions = new Int32Array(history.streams.length);
  const lastRecorded: string[] = new Array(history.streams.length);
  const txOptions = sql.kind === 'postgres';
  let pending: Promise<unknown> | undefined;
  let rows: string[] = [];
  let written = 0;
  const flush = async () => {
    if (!rows.length) return;
    const json = `[${rows.join(',')}]`;
    rows = [];
    await pending;
    pending = txOptions
      ? sql.transaction(async (tx) => {
          // A bulk load of a benchmark or test database: losing the last batches on a crash is fine.
          await tx.query('SET LOCAL synchronous_commit = off');
          await tx.query(INSERT_EVENTS, [json]);
        })
      : sql.query(INSERT_EVENTS, [json]);
  };

  for (let b = 0; b < buckets.length; b++) {
    const bucket = buckets[b];
    if (!bucket.length) continue;
    bucket.sort((x, y) => x.seq - y.seq);
    const date = fromDayNumber(minDay + b);
    const start = Date.parse(`${date}T07:00:00.000Z`);
    const spread = (10 * 3600 * 1000) / bucket.length;
    for (let k = 0; k < bucket.length; k++) {
      const { s, e } = bucket[k];
      const stream = history.streams[s];
      const event = stream.events[e];
      const version = ++versions[s];
      // Recorded during the working day, in position order.
      const recordedAt = new Date(start + Math.floor(k * spread)).toISOString();
      lastRecorded[s] = recordedAt;
      const metadata = {
        tenant: stream.tenant,
        actor: event.actor,
        correlationId: `gen-${event.seq.toString(36)}`,
        businessDate: event.businessDate,
      };
      rows.push(
        `{"event_id":"${idRng.uuid()}","stream_id":${JSON.stringify(stream.streamId)},"version":${version},"tenant":${JSON.stringify(stream.tenant)},` +
          `"type":"${event.type}","schema_version":${eventSchemaVersion(event.type)},"data":${JSON.stringify(event.data)},` +
          `"metadata":${JSON.stringify(metadata)},"business_date":"${event.businessDate}","recorded_at":"${recordedAt}"}`,
      );
      written++;
      if (rows.length >= batchRows) await flush();
    }
  }
  await flush();
  await pending;

  const streamRows = history.streams.map((s, i) => ({
    stream_id: s.streamId,
    tenant: s.tenant,
    stream_type: s.streamType,
    version: versions[i],
    updated_at: lastRecorded[i],
  }));
  for (let i = 0; i < streamRows.length; i += 20_000) {
    await sql.query(INSERT_STREAMS, [JSON.stringify(streamRows.slice(i, i + 20_000))]);
  }
  return {
    events: written,
    streams: streamRows.length,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
