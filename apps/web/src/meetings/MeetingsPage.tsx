import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { hasRole } from '../auth/principal';
import { useSession } from '../auth/AuthProvider';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatDate, formatNumber } from '../i18n/format';
import { sv } from '../i18n/sv';
import { type MeetingListItem, usePastMeetings, useUpcomingMeetings } from './meeting-data';
import { PlanMeetingsForm } from './PlanMeetingsForm';
import { ScheduleMeetingForm } from './ScheduleMeetingForm';

/** Möten: the coming meetings and the past year's, and for the processledare the planning. */
export function MeetingsPage() {
  const session = useSession();
  const canPlan = hasRole(session.principal, 'processledare');
  const upcoming = useUpcomingMeetings();
  const past = usePastMeetings();
  return (
    <Stack gap="lg">
      <Title order={1}>{sv.meetings.title}</Title>
      <Text>{sv.meetings.intro}</Text>
      <section aria-labelledby="upcoming-meetings">
        <Title order={2} id="upcoming-meetings" mb="sm">
          {sv.meetings.upcoming}
        </Title>
        {upcoming.isPending ? (
          <Loading />
        ) : upcoming.isError ? (
          <ErrorState error={upcoming.error} onRetry={() => void upcoming.refetch()} />
        ) : upcoming.data.items.length === 0 ? (
          <Empty>{sv.meetings.noUpcoming}</Empty>
        ) : (
          <MeetingTable meetings={upcoming.data.items} canRun={canPlan} />
        )}
      </section>
      {canPlan && (
        <Group align="flex-start" grow wrap="wrap">
          <PlanMeetingsForm upcoming={upcoming.data?.items ?? []} />
          <ScheduleMeetingForm />
        </Group>
      )}
      <section aria-labelledby="past-meetings">
        <Title order={2} id="past-meetings" mb="sm">
          {sv.meetings.past}
        </Title>
        {past.isPending ? (
          <Loading />
        ) : past.isError ? (
          <ErrorState error={past.error} onRetry={() => void past.refetch()} />
        ) : past.data.items.length === 0 ? (
          <Empty>{sv.meetings.noPast}</Empty>
        ) : (
          <MeetingTable meetings={past.data.items} canRun={false} />
        )}
      </section>
    </Stack>
  );
}

function MeetingTable({ meetings, canRun }: { meetings: MeetingListItem[]; canRun: boolean }) {
  const t = sv.meetings;
  return (
    <Table striped verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t.date}</Table.Th>
          <Table.Th scope="col">{t.time}</Table.Th>
          <Table.Th scope="col">{t.place}</Table.Th>
          <Table.Th scope="col">{t.onAgenda}</Table.Th>
          <Table.Th scope="col">{t.decided}</Table.Th>
          <Table.Th scope="col">{t.links}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {meetings.map((m) => (
          <Table.Tr key={m.id}>
            <Table.Th scope="row" fw={400}>
              <Anchor component={Link} to={`/moten/${m.id}`}>
                {t.openMeeting(formatDate(m.date))}
              </Anchor>
            </Table.Th>
            <Table.Td>{m.time ?? '–'}</Table.Td>
            <Table.Td>{m.place ?? '–'}</Table.Td>
            <Table.Td>{formatNumber(m.casesOnAgenda)}</Table.Td>
            <Table.Td>{formatNumber(m.casesDecided)}</Table.Td>
            <Table.Td>
              <Group gap="sm" wrap="nowrap">
                {canRun && (
                  <Anchor
                    component={Link}
                    to={`/moten/${m.id}/motelage`}
                    aria-label={`${t.modeLink} ${formatDate(m.date)}`}
                  >
                    {t.modeLink}
                  </Anchor>
                )}
                <Anchor
                  component={Link}
                  to={`/moten/${m.id}/protokoll`}
                  aria-label={`${t.protocolLink} ${formatDate(m.date)}`}
                >
                  {t.protocolLink}
                </Anchor>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
