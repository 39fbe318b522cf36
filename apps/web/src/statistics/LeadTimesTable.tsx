import { Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseOf } from '../api/client';
import { ScrollTable } from '../common/ScrollTable';
import { ErrorState, Loading } from '../common/states';
import { formatNumber, formatShortDate } from '../i18n/format';
import { sv } from '../i18n/sv';
import { formatCompared, type Cell } from './cell';
import type { PeriodQuery } from './period';

type LeadTimes = ResponseOf<'/api/v1/statistics/lead-times', 'get'>;
type Measure = 'toDecision' | 'toFirstInsats' | 'toClosure';
const MEASURES: Measure[] = ['toDecision', 'toFirstInsats', 'toClosure'];

/** A share as the API rounded it (0.723), shown as "72,3 %"; never computed here. */
function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${formatNumber(Math.round(share * 1000) / 10)} %`;
}

/** Ledtider and the 90-day rule (docs/statistics.md §8, §9) for the period, with the compared one. */
export function LeadTimesTable({ query }: { query: PeriodQuery }) {
  const t = sv.statistics.leadTimes;
  const leadTimes = useQuery({
    queryKey: ['statistics', 'lead-times', query],
    queryFn: () =>
      // The route answers JSON or CSV; without Accept: text/csv it is the JSON.
      unwrap(api.GET('/api/v1/statistics/lead-times', { params: { query } })).then(
        (body) => body as LeadTimes,
      ),
    placeholderData: keepPreviousData,
  });
  const data = leadTimes.data;
  const compare = data?.compare;
  const show = (value: Cell, compared: Cell) => formatCompared(value, compare ? compared : false);
  const share = (d: LeadTimes) =>
    compare
      ? `${formatShare(d.ninetyDayRule.share)} (${formatShare(compare.ninetyDayRule.share)})`
      : formatShare(d.ninetyDayRule.share);
  return (
    <Stack gap="xs">
      <Title order={2}>{t.title}</Title>
      <Text size="sm" c="gray.8">
        {t.definition}
      </Text>
      {leadTimes.isPending && <Loading label={sv.statistics.loading} />}
      {leadTimes.isError && <ErrorState error={leadTimes.error} onRetry={() => void leadTimes.refetch()} />}
      {data && (
        <>
          <ScrollTable minWidth={560} label={t.caption(formatShortDate(data.from), formatShortDate(data.to))}>
            <Table striped withTableBorder captionSide="top">
              <Table.Caption>{t.caption(formatShortDate(data.from), formatShortDate(data.to))}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t.measure}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t.count}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t.median}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t.p90}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {MEASURES.map((m) => (
                  <Table.Tr key={m}>
                    <Table.Th scope="row" fw="normal">
                      {t.measures[m]}
                    </Table.Th>
                    <Table.Td ta="right">{show(data[m].count, compare?.[m].count)}</Table.Td>
                    <Table.Td ta="right">{show(data[m].median, compare?.[m].median)}</Table.Td>
                    <Table.Td ta="right">{show(data[m].p90, compare?.[m].p90)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <ScrollTable
            minWidth={560}
            label={t.ninetyCaption(formatShortDate(data.from), formatShortDate(data.to))}
          >
            <Table striped withTableBorder captionSide="top">
              <Table.Caption>
                {t.ninetyCaption(formatShortDate(data.from), formatShortDate(data.to))}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" ta="right">
                    {t.ninetyCases}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t.met}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t.missed}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t.share}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td ta="right">
                    {show(data.ninetyDayRule.cases, compare?.ninetyDayRule.cases)}
                  </Table.Td>
                  <Table.Td ta="right">{show(data.ninetyDayRule.met, compare?.ninetyDayRule.met)}</Table.Td>
                  <Table.Td ta="right">
                    {show(data.ninetyDayRule.missed, compare?.ninetyDayRule.missed)}
                  </Table.Td>
                  <Table.Td ta="right">{share(data)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Text size="sm" c="gray.8">
            {t.note}
          </Text>
        </>
      )}
    </Stack>
  );
}
