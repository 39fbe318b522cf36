import { Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { hasRole } from '../auth/principal';
import { useSession } from '../auth/AuthProvider';
import { caseRef } from '../common/case-ref';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { CaseSummary } from './CaseSummary';
import { DecisionDetails } from './DecisionDetails';
import { MeetingHeader, MeetingLinks } from './MeetingHeader';
import { useMeeting } from './meeting-data';

/** Protokoll: the attendance, the agenda and each decision, as a page to read or print. */
export function ProtocolPage() {
  const { meetingId = '' } = useParams();
  const session = useSession();
  const isProcessledare = hasRole(session.principal, 'processledare');
  const meeting = useMeeting(meetingId);
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const m = meeting.data;
  const t = sv.meetings.protocol;
  // Every case the protocol names: the agenda, and any decided here and since taken off it.
  const caseIds = [
    ...m.agenda.map((a) => a.caseId),
    ...m.decisions.map((d) => d.caseId).filter((id) => !m.agenda.some((a) => a.caseId === id)),
  ].filter((id, i, all) => all.indexOf(id) === i);
  return (
    <Stack gap="md" className="protocol">
      <MeetingHeader meeting={m} title={t.title(formatDate(m.date))} />
      <Group className="no-print" justify="space-between">
        <MeetingLinks meetingId={m.id} canRun={isProcessledare} />
        <Button onClick={() => window.print()}>{t.print}</Button>
      </Group>
      <section aria-labelledby="protocol-present">
        <Title order={2} id="protocol-present">
          {t.present}
        </Title>
        {m.attendance.members.length === 0 ? (
          <Text>{sv.meetings.attendance.none}</Text>
        ) : (
          <List>
            {m.attendance.members.map((p, i) => (
              <List.Item key={i}>
                {label(sv.codes.party, p.party)}: {p.user}
              </List.Item>
            ))}
          </List>
        )}
        {m.attendance.guests.length > 0 && (
          <>
            <Title order={3} mt="sm">
              {t.guests}
            </Title>
            <List>
              {m.attendance.guests.map((g, i) => (
                <List.Item key={i}>
                  {g.name}
                  {g.organisation ? `, ${g.organisation}` : ''}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </section>
      <section aria-labelledby="protocol-cases">
        <Title order={2} id="protocol-cases">
          {t.cases}
        </Title>
        {caseIds.length === 0 ? (
          <Empty>{sv.meetings.meeting.emptyAgenda}</Empty>
        ) : (
          caseIds.map((caseId, i) => (
            <article key={caseId} aria-labelledby={`protocol-${caseId}`} className="protocol-item">
              <Title order={3} id={`protocol-${caseId}`} mt="md">
                {t.item(i + 1, caseRef(caseId))}
              </Title>
              <CaseSummary caseId={caseId} />
              {m.decisions.some((d) => d.caseId === caseId) ? (
                <DecisionDetails caseId={caseId} meetingId={m.id} catalogueReadable={isProcessledare} />
              ) : (
                <Text>{t.noDecision}</Text>
              )}
            </article>
          ))
        )}
      </section>
      {m.movedOut.length > 0 && (
        <section aria-labelledby="protocol-moved">
          <Title order={2} id="protocol-moved">
            {sv.meetings.meeting.movedOut}
          </Title>
          <List>
            {m.movedOut.map((mo) => (
              <List.Item key={mo.caseId}>{caseRef(mo.caseId)}</List.Item>
            ))}
          </List>
        </section>
      )}
    </Stack>
  );
}
