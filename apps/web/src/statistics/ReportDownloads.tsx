import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { sv } from '../i18n/sv';
import { type PeriodQuery, yearBefore } from './period';
import { saveFile } from './save-file';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The report route (docs/statistics.md §22) in the format asked for, through the client: the token never in a URL. */
function fetchReport(query: PeriodQuery, accept: string): Promise<Blob> {
  return unwrap(
    api.GET('/api/v1/reports/participants', {
      params: { query },
      headers: { Accept: accept },
      parseAs: 'blob',
    }),
  ).then((body) => body as unknown as Blob);
}

const withLastYear = (from: string, to: string): PeriodQuery => ({
  from,
  to,
  compareFrom: yearBefore(from),
  compareTo: yearBefore(to),
});

/**
 * Rapport till styrelsen: the table per insats the board gets, with the same period the year before
 * beside it — the delår and the last calendar year in one click each, or the period chosen above —
 * as an Excel workbook or a printable page.
 */
export function ReportDownloads({ query }: { query: PeriodQuery | undefined }) {
  const t = sv.statistics.report;
  const year = new Date().getFullYear();
  const [busy, setBusy] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);

  async function run(key: string, work: () => Promise<void>) {
    setBusy(key);
    setFailed(false);
    try {
      await work();
    } catch {
      setFailed(true);
    } finally {
      setBusy(undefined);
    }
  }
  const excel = (key: string, q: PeriodQuery) =>
    run(key, async () => {
      const compared = q.compareFrom ? `-${q.compareFrom}-${q.compareTo}` : '';
      saveFile(await fetchReport(q, XLSX), `deltagare-${q.from}-${q.to}${compared}.xlsx`);
    });
  function print(q: PeriodQuery) {
    // Opened at the click (a window opened later would be blocked), filled once the page has come.
    const target = window.open('', '_blank');
    void run('print', async () => {
      const page = await fetchReport(q, 'text/html');
      const url = URL.createObjectURL(new Blob([page], { type: 'text/html;charset=utf-8' }));
      if (target) target.location.href = url;
      else window.location.assign(url);
    }).then(() => target?.focus());
  }

  const half = withLastYear(`${year}-01-01`, `${year}-06-30`);
  const lastYear = withLastYear(`${year - 1}-01-01`, `${year - 1}-12-31`);
  return (
    <Stack gap="xs" component="section" aria-labelledby="report-title">
      <Title order={2} id="report-title">
        {t.title}
      </Title>
      <Text>{t.intro}</Text>
      <Group gap="sm">
        <Button variant="outline" loading={busy === 'half'} onClick={() => void excel('half', half)}>
          {t.half(year)}
        </Button>
        <Button variant="outline" loading={busy === 'year'} onClick={() => void excel('year', lastYear)}>
          {t.year(year - 1)}
        </Button>
        {query && (
          <>
            <Button variant="outline" loading={busy === 'chosen'} onClick={() => void excel('chosen', query)}>
              {t.chosen}
            </Button>
            <Button variant="outline" loading={busy === 'print'} onClick={() => print(query)}>
              {t.print}
            </Button>
          </>
        )}
      </Group>
      {failed && (
        <Text c="red.9" size="sm" role="alert">
          {t.failed}
        </Text>
      )}
    </Stack>
  );
}
