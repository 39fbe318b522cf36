import { Stack, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { hasRole } from '../auth/principal';
import { useSession } from '../auth/AuthProvider';
import { ErrorState, Loading } from '../common/states';
import { formatDate } from '../i18n/format';
import { sv } from '../i18n/sv';
import { AgendaBuilder } from './AgendaBuilder';
import { MeetingHeader, MeetingLinks } from './MeetingHeader';
import { useMeeting } from './meeting-data';

/** Möte / dagordning: the agenda with the cases' summaries; the processledare builds it here. */
export function MeetingPage() {
  const { meetingId = '' } = useParams();
  const session = useSession();
  const canEdit = hasRole(session.principal, 'processledare');
  const meeting = useMeeting(meetingId);
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />;
  return (
    <Stack gap="md">
      <MeetingHeader
        meeting={meeting.data}
        title={sv.meetings.meeting.title(formatDate(meeting.data.date))}
      />
      <MeetingLinks meetingId={meetingId} canRun={canEdit} />
      {canEdit && <Text size="sm">{sv.agenda.orderHint}</Text>}
      <AgendaBuilder meeting={meeting.data} canEdit={canEdit} />
    </Stack>
  );
}
