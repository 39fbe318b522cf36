import { Anchor, Group, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../i18n/format';
import { sv } from '../i18n/sv';
import type { Meeting } from './meeting-data';

/** The meeting's title line: date, time and place, and the way back to the list. */
export function MeetingHeader({ meeting, title }: { meeting: Meeting; title: string }) {
  return (
    <div>
      <Anchor component={Link} to="/moten" className="no-print" size="sm">
        ← {sv.meetings.meeting.back}
      </Anchor>
      <Title order={1}>{title}</Title>
      <Text size="lg">
        {formatDate(meeting.date)}
        {meeting.time ? ` ${sv.meetings.meeting.at(meeting.time)}` : ''}
        {meeting.place ? ` · ${meeting.place}` : ''}
      </Text>
    </div>
  );
}

/** The meeting's three screens, linked from each. */
export function MeetingLinks({ meetingId, canRun }: { meetingId: string; canRun: boolean }) {
  const t = sv.meetings;
  return (
    <Group gap="md" className="no-print">
      <Anchor component={Link} to={`/moten/${meetingId}`}>
        {t.agendaLink}
      </Anchor>
      {canRun && (
        <Anchor component={Link} to={`/moten/${meetingId}/motelage`}>
          {t.modeLink}
        </Anchor>
      )}
      <Anchor component={Link} to={`/moten/${meetingId}/protokoll`}>
        {t.protocolLink}
      </Anchor>
    </Group>
  );
}
