// A deterministic generator of national-scale history: tenants with their catalogue and units,
// weekly beredningsgrupp meetings, and cases over several years. Every event comes from the real
// deciders (decideCase, decideMeeting, decideTenant, …), command after command, with meta.today set
// to the command's business date, so each one is an event the service would have written. The
// scheduler's deadline facts (RecordDeadlineReached) are interleaved on their due dates the same way.
import { addMonths, fromDayNumber, toDayNumber } from '@app/case-domain';
import { generateCase } from './cases';
import { recordConsultations } from './consultations';
import type { GeneratorOptions, History } from './history';
import { mulberry32, Rng } from './rng';
import { Generator } from './sim';
import { setupTenant } from './tenants';

export type { GeneratorOptions, History, HistoryEvent, HistoryStream } from './history';
export { mulberry32 } from './rng';
export { type WriteOptions, writeHistory } from './write';

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
