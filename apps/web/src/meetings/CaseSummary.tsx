import { Badge, Group, Stack, Text } from '@mantine/core';
import { ErrorState, Loading } from '../common/states';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import type { CaseView } from './meeting-data';
import { useCaseView } from './meeting-data';

/** What the group reads about a case: the question, the needs and the parties, never the person. */
export function CaseSummary({ caseId, large = false }: { caseId: string; large?: boolean }) {
  const view = useCaseView(caseId);
  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  return <CaseSummaryView view={view.data} large={large} />;
}

export function CaseSummaryView({ view, large }: { view: CaseView; large: boolean }) {
  const size = large ? 'xl' : 'md';
  const t = sv.meetings.summary;
  return (
    <Stack gap={large ? 'md' : 'xs'}>
      <Group gap="xs">
        <Badge color="blue.9" variant="filled" size={large ? 'lg' : 'md'}>
          {label(sv.codes.status, view.status)}
        </Badge>
      </Group>
      <dl className="meeting-facts">
        <dt>{t.initiatingParty}</dt>
        <dd>
          <Text size={size} span>
            {label(sv.codes.party, view.initiatingParty)}
          </Text>
        </dd>
        <dt>{t.parties}</dt>
        <dd>
          <Text size={size} span>
            {view.parties.map((p) => label(sv.codes.party, p)).join(', ')}
          </Text>
        </dd>
        <dt>{t.initiatedOn}</dt>
        <dd>
          <Text size={size} span>
            {formatShortDate(view.initiatedOn)}
          </Text>
        </dd>
        <dt>{t.question}</dt>
        <dd>
          <Text size={size} span style={{ whiteSpace: 'pre-wrap' }}>
            {view.question ?? t.erased}
          </Text>
        </dd>
        <dt>{t.needs}</dt>
        <dd>
          <Text size={size} span style={{ whiteSpace: 'pre-wrap' }}>
            {view.needs ?? t.erased}
          </Text>
        </dd>
      </dl>
    </Stack>
  );
}
