/** iCalendar (RFC 5545) for the beredningsgrupp's meetings: what Outlook subscribes to. */
export interface CalendarMeeting {
  meetingId: string;
  date: string;
  time?: string;
  place?: string;
  durationMinutes: number;
  updatedAt: string;
}

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded: CRLF and one space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch, 'utf8') > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The UTC instant of a local date and time in a time zone (DST included). */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute) - instant;
  };
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function meetingsCalendar(name: string, timeZone: string, meetings: CalendarMeeting[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Arbetsmarknadstorget//Beredningsgrupp//SV', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`, `X-WR-TIMEZONE:${timeZone}`];
  for (const m of meetings) {
    const day = m.date.replace(/-/g, '');
    lines.push('BEGIN:VEVENT', `UID:${m.meetingId}@beredningsgrupp`, `DTSTAMP:${stamp(m.updatedAt)}`);
    if (m.time) {
      // Instants in UTC: every calendar client reads them without a VTIMEZONE block.
      const begins = zonedToUtc(m.date, m.time, timeZone);
      const ends = new Date(begins.getTime() + m.durationMinutes * 60_000);
      lines.push(`DTSTART:${stamp(begins.toISOString())}`, `DTEND:${stamp(ends.toISOString())}`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${day}`);
    }
    // Only the meeting itself: never a case or a person on its agenda.
    lines.push('SUMMARY:Beredningsgrupp');
    if (m.place) lines.push(`LOCATION:${escapeText(m.place)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
