import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ScrollTable } from '../../common/ScrollTable';
import { sv } from '../../i18n/sv';
import { saveFile } from '../save-file';
import { Chart } from './Chart';
import { type ChartKind, type ChartTable, chartCsv, formatFigurePair, placeholdersIn } from './chart-table';

export interface ChartCardProps {
  /** The anchor of the chart's definition on the definitions page, and the id of its heading. */
  definition: string;
  title: string;
  table: ChartTable;
  chart: ChartKind;
  /** The compared period's name in the table and the download ("2025"), when one was asked for. */
  comparedLabel?: string;
  /** A file name without extension for the download. */
  fileName: string;
  note?: string;
  /** Across the whole dashboard: a chart of many rows and columns, or of long names. */
  wide?: boolean;
}

/**
 * A chart of the dashboard with "Visa som tabell", "Ladda ner CSV" and a link to how its figures
 * are counted. The chart, the table and the file are drawn from one ChartTable.
 */
export function ChartCard({
  definition,
  title,
  table,
  chart,
  comparedLabel,
  fileName,
  note,
  wide,
}: ChartCardProps) {
  const t = sv.statistics.dashboard;
  const [asTable, setAsTable] = useState(false);
  const description = t.description(title, table.caption);
  const headingId = `diagram-${definition}`;
  const empty = table.rows.length === 0;
  const placeholderNote = t.placeholders(placeholdersIn(table), chart === 'line');
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      p="md"
      radius="md"
      style={wide ? { gridColumn: '1 / -1' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={3} id={headingId} size="h4">
            {title}
          </Title>
          {!empty && (
            <Group gap="xs">
              <Button
                variant="light"
                size="compact-md"
                aria-pressed={asTable}
                onClick={() => setAsTable((v) => !v)}
              >
                {t.showTable}
              </Button>
              <Button
                variant="light"
                size="compact-md"
                aria-label={`${t.download}: ${title}`}
                onClick={() =>
                  saveFile(
                    new Blob([chartCsv(table, comparedLabel)], { type: 'text/csv;charset=utf-8' }),
                    `${fileName}.csv`,
                  )
                }
              >
                {t.download}
              </Button>
            </Group>
          )}
        </Group>
        {empty ? (
          <Text c="gray.8">{t.empty}</Text>
        ) : asTable ? (
          <FiguresTable table={table} comparedLabel={comparedLabel} />
        ) : (
          <Chart table={table} kind={chart} description={description} />
        )}
        {!empty && placeholderNote && (
          <Text size="sm" c="gray.8">
            {placeholderNote}
          </Text>
        )}
        {note && (
          <Text size="sm" c="gray.8">
            {note}
          </Text>
        )}
        <Anchor component={Link} to={`/statistik/definitioner#${definition}`} size="sm">
          {t.definitionLink(title)}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/** The chart's figures as a table: the compared period's in brackets, as in the other tables. */
function FiguresTable({ table, comparedLabel }: { table: ChartTable; comparedLabel?: string }) {
  const comparing = table.rows.some((r) => r.compared);
  return (
    <ScrollTable minWidth={Math.max(360, 160 + 120 * table.columns.length)} label={table.caption}>
      <Table striped withTableBorder captionSide="top">
        <Table.Caption>
          {table.caption}
          {comparing && comparedLabel ? `. ${sv.statistics.dashboard.inBrackets(comparedLabel)}` : ''}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{table.rowHeader}</Table.Th>
            {table.columns.map((c) => (
              <Table.Th key={c} scope="col" ta="right">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Th scope="row" fw="normal">
                {r.label}
              </Table.Th>
              {table.columns.map((c, i) => (
                <Table.Td key={c} ta="right">
                  {formatFigurePair(table.kind, r.cells[i], r.compared ? (r.compared[i] ?? null) : false)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
