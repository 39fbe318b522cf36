import { meetingsCalendar, zonedToUtc } from './icalendar';

describe('the beredningsgrupp calendar feed (iCalendar)', () => {
  it('turns local meeting times into UTC, summer and winter', () => {
    expect(zonedToUtc('2026-06-16', '09:00', 'Europe/Stockholm').toISOString()).toBe('2026-06-16T07:00:00.000Z');
    expect(zonedToUtc('2026-01-13', '09:00', 'Europe/Stockholm').toISOString()).toBe('2026-01-13T08:00:00.000Z');
  });

  it('writes one VEVENT per meeting, with CRLF lines, escaped text and folded long lines', () => {
    const ics = meetingsCalendar('Beredningsgrupp', 'Europe/Stockholm', [
      { meetingId: 'm1', date: '2026-06-16', time: '09:00', place: 'Jobbtorget, rum 3; Teams', durationMinutes: 90, updatedAt: '2026-06-15T10:00:00Z' },
      { meetingId: 'm2', date: '2026-06-23', place: 'x'.repeat(120), durationMinutes: 90, updatedAt: '2026-06-15T10:00:00Z' },
    ]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('UID:m1@beredningsgrupp');
    expect(ics).toContain('DTSTART:20260616T070000Z\r\nDTEND:20260616T083000Z');
    expect(ics).toContain('LOCATION:Jobbtorget\\, rum 3\\; Teams');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260623');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
