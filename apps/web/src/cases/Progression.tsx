import { Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import type { CaseEvent, CaseView } from './case-types';

interface Point {
  key: string;
  when: string;
  what: string;
  step?: number;
  vas?: number;
  incomeSource?: string;
}

/**
 * The ratings of §7 in order: at an insats's start, at each follow-up and at closure, read from the
 * history (the case view holds only the follow-ups).
 */
export function progressionPoints(view: CaseView, events: CaseEvent[] | undefined): Point[] {
  if (!events)
    return view.followUps.map((f) => ({
      key: `f-${f.month}`,
      when: f.recordedOn,
      what: label(sv.codes.followUpMonth, String(f.month)),
      step: f.step,
      vas: f.vas,
      incomeSource: f.incomeSource,
    }));
  const out: Point[] = [];
  for (const e of events) {
    const d = e.data as { step?: unknown; vas?: unknown; month?: unknown; incomeSource?: unknown };
    const step = typeof d.step === 'number' ? d.step : undefined;
    const vas = typeof d.vas === 'number' ? d.vas : undefined;
    if (step === undefined && vas === undefined) continue;
    if (e.type !== 'InsatsStarted' && e.type !== 'FollowUpRecorded' && e.type !== 'CaseClosed') continue;
    out.push({
      key: String(e.position),
      when: e.occurredOn ?? e.recordedAt.slice(0, 10),
      what:
        e.type === 'FollowUpRecorded'
          ? label(sv.codes.followUpMonth, String(d.month))
          : label(sv.cases.eventType, e.type),
      step,
      vas,
      incomeSource: typeof d.incomeSource === 'string' ? d.incomeSource : undefined,
    });
  }
  return out;
}

/** A small line chart of one measure; the table beside it carries the same values as text. */
function MiniChart({
  values,
  min,
  max,
  title,
}: {
  values: { label: string; value: number }[];
  min: number;
  max: number;
  title: string;
}) {
  const width = 280;
  const height = 120;
  const pad = 24;
  const x = (i: number) =>
    pad + (values.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => height - pad - ((v - min) / (max - min)) * (height - 2 * pad);
  const path = values
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(' ');
  return (
    <svg width={width} height={height} role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`}>
      <line x1={pad} y1={y(min)} x2={width - pad} y2={y(min)} stroke="#495057" />
      <line x1={pad} y1={y(max)} x2={width - pad} y2={y(max)} stroke="#ced4da" strokeDasharray="4 4" />
      <text x={4} y={y(max) + 4} fontSize="11" fill="#343a40">
        {max}
      </text>
      <text x={4} y={y(min) + 4} fontSize="11" fill="#343a40">
        {min}
      </text>
      <path d={path} fill="none" stroke="#0b3d78" strokeWidth={2} />
      {values.map((p, i) => (
        <g key={i}>
          <circle cx={x(i)} cy={y(p.value)} r={4} fill="#0b3d78" />
          <text x={x(i)} y={y(p.value) - 8} fontSize="11" textAnchor="middle" fill="#0b3d78">
            {p.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Follow-ups with the step (1–6) and VAS (0–100) progression: two small charts and a table. */
export function Progression({ view, events }: { view: CaseView; events: CaseEvent[] | undefined }) {
  const points = progressionPoints(view, events);
  const steps = points.flatMap((p) => (p.step !== undefined ? [{ label: p.what, value: p.step }] : []));
  const vas = points.flatMap((p) => (p.vas !== undefined ? [{ label: p.what, value: p.vas }] : []));
  const schedule = view.followUpSchedule;
  return (
    <Stack gap="sm" component="section" aria-labelledby="case-followups">
      <Title order={2} size="h3" id="case-followups">
        {sv.cases.followUpsTitle}
      </Title>
      {schedule && (
        <Text size="sm">
          {sv.cases.followUpSchedule}:{' '}
          {Object.entries(schedule.dueDates)
            .map(([m, d]) => `${label(sv.codes.followUpMonth, m)} ${formatShortDate(d)}`)
            .join(' · ')}
        </Text>
      )}
      {view.followUps.length === 0 && <Text>{sv.cases.noFollowUps}</Text>}
      {points.length > 0 && (
        <>
          <Group align="flex-start" gap="xl">
            {steps.length > 0 && (
              <figure style={{ margin: 0 }}>
                <MiniChart
                  values={steps}
                  min={1}
                  max={6}
                  title={sv.cases.chartStep(steps.map((s) => `${s.label} ${s.value}`).join(', '))}
                />
                <Text component="figcaption" size="sm" ta="center">
                  {sv.cases.step}
                </Text>
              </figure>
            )}
            {vas.length > 0 && (
              <figure style={{ margin: 0 }}>
                <MiniChart
                  values={vas}
                  min={0}
                  max={100}
                  title={sv.cases.chartVas(vas.map((s) => `${s.label} ${s.value}`).join(', '))}
                />
                <Text component="figcaption" size="sm" ta="center">
                  {sv.cases.vas}
                </Text>
              </figure>
            )}
          </Group>
          <Table verticalSpacing={4} fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{sv.cases.followUpMonth}</Table.Th>
                <Table.Th scope="col">{sv.cases.recordedOn}</Table.Th>
                <Table.Th scope="col">{sv.cases.incomeSource}</Table.Th>
                <Table.Th scope="col">{sv.cases.step}</Table.Th>
                <Table.Th scope="col">{sv.cases.vas}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p) => (
                <Table.Tr key={p.key}>
                  <Table.Th scope="row" fw={400}>
                    {p.what}
                  </Table.Th>
                  <Table.Td>{formatShortDate(p.when)}</Table.Td>
                  <Table.Td>{p.incomeSource ? label(sv.codes.incomeSource, p.incomeSource) : '–'}</Table.Td>
                  <Table.Td>{p.step ?? '–'}</Table.Td>
                  <Table.Td>{p.vas ?? '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
