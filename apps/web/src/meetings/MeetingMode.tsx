import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { caseRef } from '../common/case-ref';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { AttendanceForm } from './AttendanceForm';
import { CaseSummaryView } from './CaseSummary';
import { DecisionDetails } from './DecisionDetails';
import { DecisionForm } from './DecisionForm';
import { MeetingHeader, MeetingLinks } from './MeetingHeader';
import { type Meeting, useCaseView, useMeeting } from './meeting-data';

/**
 * Mötesläge, for the projector: large type, the attendance first, then one case at a time with
 * its decision recorded in turn. Previous/next by button, or by the arrow keys outside fields.
 */
export function MeetingMode() {
  const { meetingId = '' } = useParams();
  const meeting = useMeeting(meetingId);
  const [step, setStep] = useState(0);
  const total = meeting.data?.agenda.length ?? 0;
  const go = (to: number) => setStep(Math.max(0, Math.min(total, to)));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [role="radiogroup"], [contenteditable="true"]')) return;
      if (e.key === 'ArrowRight') setStep((s) => Math.min(total, s + 1));
      else if (e.key === 'ArrowLeft') setStep((s) => Math.max(0, s - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [total]);

  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const m = meeting.data;
  const t = sv.meetings.mode;
  const current = step === 0 ? undefined : m.agenda[step - 1];
  const position = step === 0 ? t.attendanceStep : t.position(step, total);
  return (
    <Stack gap="lg" className="meeting-mode">
      <MeetingHeader meeting={m} title={`${t.title}: ${formatDate(m.date)}`} />
      <MeetingLinks meetingId={m.id} canRun />
      <Text size="md">{t.keys}</Text>
      <nav aria-label={t.steps}>
        <Group justify="space-between">
          <Button size="lg" variant="default" onClick={() => go(step - 1)} disabled={step === 0}>
            ← {t.previous}
          </Button>
          <Text size="xl" fw={700} role="status" aria-live="polite" aria-atomic>
            {position}
          </Text>
          <Button size="lg" onClick={() => go(step + 1)} disabled={step >= total}>
            {t.next} →
          </Button>
        </Group>
      </nav>
      {step === 0 ? (
        <Paper withBorder p="lg">
          <AttendanceForm meeting={m} large />
          {total === 0 && <Empty>{t.noCases}</Empty>}
        </Paper>
      ) : (
        current && <CaseStep key={current.caseId} meeting={m} caseId={current.caseId} n={step} />
      )}
    </Stack>
  );
}

function CaseStep({ meeting, caseId, n }: { meeting: Meeting; caseId: string; n: number }) {
  const t = sv.meetings.mode;
  const view = useCaseView(caseId);
  const decided = meeting.decisions.filter((d) => d.caseId === caseId).at(-1);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`case-step-${caseId}`}>
      <Stack gap="lg">
        <Title order={2} id={`case-step-${caseId}`} fz={36}>
          {sv.meetings.meeting.item(n, caseRef(caseId))}
        </Title>
        {view.isPending ? (
          <Loading />
        ) : view.isError ? (
          <ErrorState error={view.error} onRetry={() => void view.refetch()} />
        ) : (
          <>
            <CaseSummaryView view={view.data} large />
            {decided ? (
              <Paper
                withBorder
                p="md"
                bd="2px solid green.9"
                component="section"
                aria-labelledby={`decided-${caseId}`}
              >
                <Title order={3} id={`decided-${caseId}`} mb="sm">
                  {t.decided(label(sv.codes.decision, decided.decision))}
                </Title>
                <DecisionDetails caseId={caseId} meetingId={meeting.id} size="xl" catalogueReadable />
              </Paper>
            ) : (
              <DecisionForm meeting={meeting} view={view.data} large />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
