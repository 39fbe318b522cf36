import { Group, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorState, Loading } from '../common/states';
import { formatShortDate } from '../i18n/format';
import { sv } from '../i18n/sv';
import { CsvDownload } from './CsvDownload';
import { Dashboard } from './Dashboard';
import { LeadTimesTable } from './LeadTimesTable';
import { OutcomesTable, ParticipantsTable, type Participants } from './ParticipantsTable';
import { PeriodPicker } from './PeriodPicker';
import { ReportDownloads } from './ReportDownloads';
import { periodQuery, type PeriodChoice } from './period';

/** Statistik (DOMAIN.md §9): deltagare and utfall per insats for a period, as the API counts them. */
export function StatisticsPage() {
  const year = new Date().getFullYear();
  const [choice, setChoice] = useState<PeriodChoice>({
    kind: 'year',
    year,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    compare: false,
  });
  const query = periodQuery(choice);
  const participants = useQuery({
    queryKey: ['statistics', 'participants', query],
    queryFn: () =>
      // The route answers JSON or CSV; without Accept: text/csv it is the JSON.
      unwrap(api.GET('/api/v1/statistics/participants', { params: { query: query! } })).then(
        (body) => body as Participants,
      ),
    enabled: !!query,
    placeholderData: keepPreviousData,
  });
  const t = sv.statistics;
  return (
    <Stack gap="lg">
      <Title order={1}>{t.title}</Title>
      <Text>{t.intro}</Text>
      <PeriodPicker value={choice} onChange={setChoice} invalid={!query} />
      {query && (
        <Group gap="md">
          <Text fw={500}>
            {t.showing(formatShortDate(query.from), formatShortDate(query.to))}
            {query.compareFrom &&
              `. ${t.comparing(formatShortDate(query.compareFrom), formatShortDate(query.compareTo))}`}
          </Text>
          <CsvDownload query={query} fileName={`deltagare-${query.from}-${query.to}.csv`} />
        </Group>
      )}
      {query && <Dashboard query={query} />}
      {query && participants.isPending && <Loading label={t.loading} />}
      {participants.isError && (
        <ErrorState error={participants.error} onRetry={() => void participants.refetch()} />
      )}
      {participants.data && (
        <>
          <ParticipantsTable data={participants.data} />
          <Notes data={participants.data} />
          <OutcomesTable data={participants.data} />
        </>
      )}
      {query && <LeadTimesTable query={query} />}
      <ReportDownloads query={query} />
    </Stack>
  );
}

/** The footnotes for "<5" and "–", where the answer has them. */
function Notes({ data }: { data: Participants }) {
  const json = JSON.stringify(data);
  const small = json.includes('"<5"');
  const withheld = json.includes(':null');
  if (!small && !withheld) return null;
  return (
    <Stack gap={4} component="section" aria-label={sv.statistics.notes}>
      {small && (
        <Text size="sm" c="gray.8">
          {sv.statistics.smallNumbers}
        </Text>
      )}
      {withheld && (
        <Text size="sm" c="gray.8">
          {sv.statistics.withheld}
        </Text>
      )}
    </Stack>
  );
}
