import {
  addDays,
  addMonths,
  ageOn,
  anniversary,
  civilFromDays,
  daysBetween,
  daysFromCivil,
  fromDayNumber,
  isCivilDate,
  isoWeekday,
  toDayNumber,
} from './civil-date';
import { ageBand, ageBandOn } from './age';

// Tests may use Date as an oracle; the library may not.
const viaDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

describe('civil dates', () => {
  it('agrees with the Date oracle on day numbers across four centuries', () => {
    for (let n = -150_000; n <= 150_000; n += 997) {
      const iso = viaDate(n * DAY);
      expect(fromDayNumber(n)).toBe(iso);
      expect(toDayNumber(iso)).toBe(n);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(0)).toEqual({ year: 1970, month: 1, day: 1 });
  });

  it('validates real calendar dates only', () => {
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2023-02-29')).toBe(false);
    expect(isCivilDate('1900-02-29')).toBe(false);
    expect(isCivilDate('2000-02-29')).toBe(true);
    expect(isCivilDate('2025-13-01')).toBe(false);
    expect(isCivilDate('2025-1-01')).toBe(false);
    expect(isCivilDate('2025-01-01T00:00:00Z')).toBe(false);
    expect(isCivilDate(20250101)).toBe(false);
  });

  it('adds days and counts days between', () => {
    expect(addDays('2025-01-10', 90)).toBe('2025-04-10');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2025-01-10', '2025-04-10')).toBe(90);
    expect(daysBetween('2025-04-10', '2025-01-10')).toBe(-90);
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
    expect(addMonths('2025-01-10', 12)).toBe('2026-01-10');
  });

  it('knows the weekday', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2025-01-06')).toBe(1);
    expect(isoWeekday('2025-01-12')).toBe(7);
  });

  it('counts age in completed years, leap-day births turning a year older on 1 March', () => {
    expect(ageOn('1990-05-20', '2025-05-19')).toBe(34);
    expect(ageOn('1990-05-20', '2025-05-20')).toBe(35);
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
    expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
    expect(anniversary('2004-02-29', 21)).toBe('2025-03-01');
    expect(anniversary('2004-02-29', 20)).toBe('2024-02-29');
  });

  it('maps ages to the report bands', () => {
    expect([15, 16, 19, 20, 29, 30, 39, 40, 49, 50, 64, 65].map(ageBand)).toEqual([
      null,
      '16-19',
      '16-19',
      '20-29',
      '20-29',
      '30-39',
      '30-39',
      '40-49',
      '40-49',
      '50-64',
      '50-64',
      '65+',
    ]);
    expect(ageBandOn('1990-05-20', '2025-01-10')).toBe('30-39');
  });
});
