import { localDate } from './clock';

describe('localDate', () => {
  it('gives the local calendar day, on either side of midnight in Stockholm', () => {
    // Winter (UTC+1): midnight in Stockholm is 23:00 UTC.
    expect(localDate(new Date('2026-01-14T22:59:59.999Z'), 'Europe/Stockholm')).toBe('2026-01-14');
    expect(localDate(new Date('2026-01-14T23:00:00.000Z'), 'Europe/Stockholm')).toBe('2026-01-15');
    // Summer (UTC+2): midnight is 22:00 UTC.
    expect(localDate(new Date('2026-07-01T21:59:59.999Z'), 'Europe/Stockholm')).toBe('2026-07-01');
    expect(localDate(new Date('2026-07-01T22:00:00.000Z'), 'Europe/Stockholm')).toBe('2026-07-02');
  });

  it('answers each zone for itself when asked in the same minute, one after the other', () => {
    const at = new Date('2026-03-29T23:30:00.000Z');
    for (let i = 0; i < 3; i++) {
      expect(localDate(at, 'Europe/Stockholm')).toBe('2026-03-30');
      expect(localDate(at, 'UTC')).toBe('2026-03-29');
      expect(localDate(at, 'Asia/Kolkata')).toBe('2026-03-30');
      expect(localDate(at, 'America/St_Johns')).toBe('2026-03-29');
    }
  });

  it('moves on at the minute the day changes, also in a zone whose offset has half hours', () => {
    // Kolkata is UTC+5:30: midnight there is 18:30 UTC.
    expect(localDate(new Date('2026-05-01T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2026-05-01');
    expect(localDate(new Date('2026-05-01T18:30:00.000Z'), 'Asia/Kolkata')).toBe('2026-05-02');
    expect(localDate(new Date('2026-05-01T18:29:30.000Z'), 'Asia/Kolkata')).toBe('2026-05-01');
  });

  it('refuses an invalid instant as before, every time', () => {
    expect(() => localDate(new Date(Number.NaN), 'Europe/Stockholm')).toThrow(RangeError);
    expect(() => localDate(new Date(Number.NaN), 'Europe/Stockholm')).toThrow(RangeError);
  });
});
