// The demo torg's history, decided by the real deciders through the bench generator: an admin sets
// the torg up, the beredningsgrupp meets every Tuesday, and cases come in over four years up to
// today, so the newest are still waiting for intake and the next meetings have agendas.
import {
  type Actor,
  type Party,
  type TenantCommand,
  type TenantState,
  PARTIES,
  addMonths,
  decideTenant,
  evolveTenant,
  fromDayNumber,
  initialMeetingState,
  initialTenantState,
  isoWeekday,
  toDayNumber,
  unitCodes,
} from '@app/case-domain';
import { DEMO_TENANT, demoUser } from '@app/security';
import { generateCase } from '../bench/generator/cases';
import { recordConsultations } from '../bench/generator/consultations';
import type { History } from '../bench/generator/history';
import { CORE_INSATSER, PROJECT_INSATSER, UNITS } from '../bench/generator/reference-data';
import { Rng, mulberry32 } from '../bench/generator/rng';
import { type MeetingSim, type TenantSim, Generator, nextWeekday } from '../bench/generator/sim';

export const DEMO_SEED = 20261202;
// A mid-size förbund: about 250 new cases a year. The Statistik dashboard's trend shows the quarters
// of this year and the two before it, and insatser end months after their case came in, so the
// history starts a year earlier than that: by then insatser end at their usual pace, and enough of
// them a quarter that a manager sees most quarters' shares rather than "<5" and "–" (§14).
const MONTHS = 48;
const CASES = 1000;
/** Volyminsatser (consultations) a month, over every insats of the catalogue. */
const CONSULTATIONS_A_MONTH = 10;

const actor = (role: 'processledare' | 'admin' | 'handlaggare', party?: Party): Actor => {
  const u = demoUser(role, party);
  return { sub: u.id, roles: [...u.roles], ...(u.party ? { party: u.party } : {}) };
};

/** The whole demo history up to `today`, in memory; the same for the same `today`. */
export function generateDemoHistory(today: string): History {
  const horizon = toDayNumber(today);
  const fromDay = toDayNumber(addMonths(today, -MONTHS));
  const g = new Generator(new Rng(mulberry32(DEMO_SEED)));
  const r = g.rng;
  const t = setupDemoTenant(g, fromDay - 30, horizon);

  // Intake grows a little over the period and dips in July and at Christmas.
  const days: number[] = [];
  while (days.length < CASES) {
    const day = r.int(fromDay, horizon);
    const month = fromDayNumber(day).slice(5, 7);
    const keep =
      (month === '07' ? 0.35 : month === '12' ? 0.8 : 1) *
      (0.8 + (0.2 * (day - fromDay)) / (horizon - fromDay));
    if (r.chance(keep)) days.push(day);
  }
  // A real Tuesday: cases sent in during the last days, some not yet accepted or returned, some
  // accepted and on the next meeting's agenda.
  for (let i = 0; i < 10; i++) days.push(horizon - r.int(0, 12));
  days.sort((a, b) => a - b);
  for (const day of days) generateCase(g, t, Math.min(day, horizon), horizon);
  recordConsultations(g, t, CONSULTATIONS_A_MONTH * MONTHS, fromDay, horizon);

  const streams = g.streams.filter((s) => s.events.length > 0);
  nameStandIns(streams);
  return {
    seed: DEMO_SEED,
    from: fromDayNumber(fromDay),
    today,
    tenants: [{ id: DEMO_TENANT, cases: days.length }],
    streams,
    counts: {
      cases: days.length,
      events: g.events,
      streams: streams.length,
      meetings: t.meetings.length,
      eventsByType: Object.fromEntries([...g.eventsByType].sort((a, b) => b[1] - a[1])),
      refused: Object.fromEntries([...g.refused].sort((a, b) => b[1] - a[1])),
    },
  };
}

/** The torg as its admin sets it up: settings, units, the insatskatalog; then the meetings on its cadence. */
function setupDemoTenant(g: Generator, setupDay: number, horizon: number): TenantSim {
  const admin = actor('admin');
  const stream = g.stream(`tenant-${DEMO_TENANT}`, 'tenant', DEMO_TENANT);
  let state: TenantState = initialTenantState();
  const run = (command: TenantCommand, day: number) => {
    const events = decideTenant(command, state, g.meta(DEMO_TENANT, admin, day));
    for (const e of events) state = evolveTenant(state, e);
    g.record(stream, events, day, admin);
  };
  run(
    {
      type: 'UpsertTenantSettings',
      meetingCadence: { weekday: 'TUESDAY', time: '09:00', intervalWeeks: 1, durationMinutes: 120 },
      retentionMonths: 24,
      stagnationWeeks: 8,
      insatsDeadlineDays: 90,
      followUpGraceDays: 14,
      consentExpiringDays: 30,
    },
    setupDay,
  );
  for (const party of PARTIES) run({ type: 'SetPartyUnits', party, units: UNITS[party] }, setupDay);
  const projects = PROJECT_INSATSER.filter((p) =>
    ['ENTER', 'NOVA', 'FIA', 'KOLL-PA-FORMAGA'].includes(p.code),
  );
  const insatsWeight: Record<string, number> = {};
  for (const c of CORE_INSATSER) {
    run({ type: 'UpsertCatalogueInsats', code: c.code, name: c.name, party: c.party }, setupDay);
    insatsWeight[c.code] = c.weight;
  }
  for (const p of projects) {
    run({ type: 'UpsertCatalogueInsats', code: p.code, name: p.name, party: p.party }, setupDay);
    insatsWeight[p.code] = 5;
  }
  const snapshot = (from: number): TenantSim['catalogues'][number] => {
    const catalogue = { ...state.catalogue };
    return { from, catalogue, codes: Object.keys(catalogue).filter((c) => catalogue[c].active) };
  };
  const catalogues = [snapshot(0)];
  // Half-way through, a new project starts (IT-spåret).
  const itDay = nextWeekday(setupDay + Math.floor((horizon - setupDay) / 2));
  const it = PROJECT_INSATSER.find((p) => p.code === 'IT-SPARET')!;
  run({ type: 'UpsertCatalogueInsats', code: it.code, name: it.name, party: it.party }, itDay);
  insatsWeight[it.code] = 4;
  catalogues.push(snapshot(itDay));

  const caseworkers = Object.fromEntries(PARTIES.map((p) => [p, [actor('handlaggare', p)]])) as Record<
    Party,
    Actor[]
  >;
  const t: TenantSim = {
    id: DEMO_TENANT,
    settings: state.settings,
    catalogues,
    units: unitCodes(state),
    processledare: [actor('processledare')],
    caseworkers,
    meetings: [],
    insatsWeight,
  };
  scheduleMeetings(g, t, setupDay, horizon);
  return t;
}

const PLACES = ['Arbetsmarknadstorget, rum Vättern', 'Arbetsmarknadstorget, rum Bolmen', 'Teams'];

/** Every Tuesday at 09:00, scheduled six weeks ahead (so the next ones are on the calendar), attendance on the day. */
function scheduleMeetings(g: Generator, t: TenantSim, setupDay: number, horizon: number): void {
  const r = g.rng;
  const pl = t.processledare[0];
  let day = setupDay + 7;
  while (isoWeekday(fromDayNumber(day)) !== 2) day++;
  for (; day - 42 <= horizon; day += 7) {
    // Midsummer to early August and Christmas weeks have no meeting.
    const md = fromDayNumber(day).slice(5);
    if ((md >= '06-24' && md <= '08-05') || md >= '12-22' || md <= '01-05') continue;
    const id = r.uuid();
    const scheduledDay = Math.max(setupDay, day - 42);
    const m: MeetingSim = {
      id,
      day,
      scheduledDay,
      state: initialMeetingState(),
      stream: g.stream(`meeting-${id}`, 'meeting', t.id),
    };
    g.meeting(
      t,
      m,
      {
        type: 'ScheduleMeeting',
        meetingId: id,
        date: fromDayNumber(day),
        time: '09:00',
        place: r.pick(PLACES),
      },
      scheduledDay,
      pl,
    );
    t.meetings.push(m);
  }
  const members = PARTIES.map((party) => ({ party, user: demoUser('beredning', party).id }));
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
      pl,
    );
  }
}

/**
 * What the generator leaves unnamed, as the torg's users would have entered it: a jäv names the
 * party's beredningsgrupp member who stood aside, and a few more persons than the generator's one
 * in a hundred have skyddade personuppgifter (the flag the decider copies from the command).
 */
function nameStandIns(streams: History['streams']): void {
  let cases = 0;
  for (const s of streams) {
    for (const e of s.events) {
      if (e.type === 'DecisionRecorded') {
        const data = e.data as { notParticipating?: { party: Party; user?: string }[] };
        for (const entry of data.notParticipating ?? []) entry.user = demoUser('beredning', entry.party).id;
      }
      if (e.type === 'CaseInitiated' && cases++ % 60 === 17) {
        (e.data as { person: { protectedIdentity: boolean } }).person.protectedIdentity = true;
      }
    }
  }
}
