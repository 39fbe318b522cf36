// Tenants and meetings
import {
  type Actor,
  type Party,
  type TenantCommand,
  type TenantState,
  PARTIES,
  decideTenant,
  evolveTenant,
  fromDayNumber,
  initialMeetingState,
  initialTenantState,
  isoWeekday,
  unitCodes,
} from '@app/case-domain';
import { CORE_INSATSER, PROJECT_INSATSER, UNITS, WEEKDAY_NAMES } from './reference-data';
import { type MeetingSim, type TenantSim, Generator, nextWeekday } from './sim';

export function setupTenant(
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

export function meetingOnOrAfter(t: TenantSim, day: number): MeetingSim | undefined {
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
