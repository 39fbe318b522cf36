import { OUTCOMES } from '../common/codes';
import { SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ResponseOf } from '../api/client';
import { ScrollTable } from '../common/ScrollTable';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { formatCompared, type Cell } from './cell';

export type Participants = ResponseOf<'/api/v1/statistics/participants', 'get'>;
type Figures = Participants['total'];
type Split = Figures['participants'];
type OutcomeKey = keyof Figures['outcomes'];
type Who = keyof Split;

const ZERO: Split = { total: 0, kvinna: 0, man: 0, annat: 0 };

// The outcome rows in the order of DOMAIN.md §5; every code is one of the answer's keys.
const OUTCOME_ROWS = OUTCOMES satisfies readonly OutcomeKey[];

interface Line {
  key: string;
  name: string;
  figures?: Figures;
  compared?: Figures;
}

/** The insatser of the period, then those only in the compared period (absent from a period: 0). */
function lines(data: Participants): Line[] {
  const compare = data.compare;
  const out: Line[] = data.rows.map((r) => ({
    key: r.insatsCode,
    name: r.name,
    figures: r,
    compared: compare?.rows.find((c) => c.insatsCode === r.insatsCode),
  }));
  for (const c of compare?.rows ?? [])
    if (!data.rows.some((r) => r.insatsCode === c.insatsCode))
      out.push({ key: c.insatsCode, name: c.name, compared: c });
  return out;
}

function useCells(comparing: boolean) {
  return (value: Cell, compared: Cell) => formatCompared(value, comparing ? compared : false);
}

/** Deltagare per insats (docs/statistics.md §1–§5): every figure as the API published it. */
export function ParticipantsTable({ data }: { data: Participants }) {
  const t = sv.statistics.participants;
  const comparing = !!data.compare;
  const show = useCells(comparing);
  const splitCells = (s: Split, c: Split | undefined) =>
    (['kvinna', 'man', 'annat', 'total'] as const).map((k) => (
      <Table.Td key={k} ta="right">
        {show(s[k], c ? c[k] : 0)}
      </Table.Td>
    ));
  const figureCells = (f: Figures | undefined, c: Figures | undefined) => [
    ...splitCells(f?.participants ?? ZERO, c?.participants),
    <Table.Td key="new" ta="right">
      {show(f ? f.new.total : 0, c ? c.new.total : 0)}
    </Table.Td>,
    <Table.Td key="ended" ta="right">
      {show(f ? f.ended.total : 0, c ? c.ended.total : 0)}
    </Table.Td>,
    <Table.Td key="aos" ta="right">
      {show(f ? f.outcomes.ARBETE_ELLER_STUDIER.total : 0, c ? c.outcomes.ARBETE_ELLER_STUDIER.total : 0)}
    </Table.Td>,
  ];
  const period = t.caption(formatShortDate(data.from), formatShortDate(data.to));
  return (
    <Stack gap="xs">
      <Title order={2}>{t.title}</Title>
      <Text size="sm" c="gray.8">
        {t.definition}
      </Text>
      {data.rows.length === 0 && !data.compare?.rows.length ? (
        <Text role="status">{t.empty}</Text>
      ) : (
        <ScrollTable minWidth={720} label={period}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>
              {period}
              {data.compare &&
                ` (${formatShortDate(data.compare.from)} – ${formatShortDate(data.compare.to)} inom parentes)`}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t.insats}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.kvinnor}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.man}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.annat}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.total}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.new}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.ended}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.workOrStudies}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines(data).map((l) => (
                <Table.Tr key={l.key}>
                  <Table.Th scope="row" fw="normal">
                    {l.name}
                  </Table.Th>
                  {figureCells(l.figures, l.compared)}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t.rowSum}</Table.Th>
                {figureCells(data.total, data.compare?.total)}
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t.unique}</Table.Th>
                {splitCells(data.unique.participants, data.compare?.unique.participants)}
                <Table.Td colSpan={3} />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Text size="sm" c="gray.8">
        {t.rowSumNote}
      </Text>
    </Stack>
  );
}

/** Utfall per insats (docs/statistics.md §3): one line per outcome code, a column per insats. */
export function OutcomesTable({ data }: { data: Participants }) {
  const t = sv.statistics.outcomes;
  const [who, setWho] = useState<Who>('total');
  const comparing = !!data.compare;
  const show = useCells(comparing);
  const columns = lines(data);
  if (columns.length === 0) return null;
  const row = (key: OutcomeKey, name: string, strong = false) => (
    <Table.Tr key={key}>
      <Table.Th scope="row" fw={strong ? 700 : 'normal'}>
        {name}
      </Table.Th>
      {columns.map((c) => (
        <Table.Td key={c.key} ta="right">
          {show(c.figures ? c.figures.outcomes[key][who] : 0, c.compared ? c.compared.outcomes[key][who] : 0)}
        </Table.Td>
      ))}
      <Table.Td ta="right" fw={700}>
        {show(data.total.outcomes[key][who], data.compare?.total.outcomes[key][who])}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="xs">
      <Title order={2}>{t.title}</Title>
      <Text size="sm" c="gray.8">
        {t.definition}
      </Text>
      <SegmentedControl
        aria-label={t.show}
        w="fit-content"
        value={who}
        onChange={(v) => setWho(v as Who)}
        data={(['total', 'kvinna', 'man', 'annat'] as const).map((k) => ({
          value: k,
          label: t.whoOptions[k],
        }))}
      />
      <ScrollTable
        minWidth={Math.max(480, 180 + 110 * (columns.length + 1))}
        label={t.caption(formatShortDate(data.from), formatShortDate(data.to), t.who[who])}
      >
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>
            {t.caption(formatShortDate(data.from), formatShortDate(data.to), t.who[who])}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t.outcome}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.key} scope="col" ta="right">
                  {c.name}
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="right">
                {sv.statistics.participants.rowSum}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {OUTCOME_ROWS.map((k) => row(k, label(sv.codes.outcome, k)))}
            {row('ARBETE_ELLER_STUDIER', sv.statistics.participants.workOrStudies, true)}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}
