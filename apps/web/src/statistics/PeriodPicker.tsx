import { Group, Radio, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { sv } from '../i18n/sv';
import type { PeriodChoice, PeriodKind } from './period';

const KINDS: PeriodKind[] = ['year', 'half', 'custom'];

/** Kalenderår, delår or any range, and whether to compare with the same period the year before. */
export function PeriodPicker({
  value,
  onChange,
  invalid,
}: {
  value: PeriodChoice;
  onChange: (next: PeriodChoice) => void;
  invalid: boolean;
}) {
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
  const t = sv.statistics;
  return (
    <Stack gap="sm">
      <Radio.Group
        label={t.period}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind: kind as PeriodKind })}
      >
        <Group gap="lg" mt="xs">
          {KINDS.map((k) => (
            <Radio key={k} value={k} label={t.periodKinds[k]} />
          ))}
        </Group>
      </Radio.Group>
      <Group align="flex-end" gap="md">
        {value.kind === 'custom' ? (
          <>
            <TextInput
              type="date"
              label={t.from}
              value={value.from}
              onChange={(e) => onChange({ ...value, from: e.currentTarget.value })}
              error={invalid ? true : undefined}
            />
            <TextInput
              type="date"
              label={t.to}
              value={value.to}
              onChange={(e) => onChange({ ...value, to: e.currentTarget.value })}
              error={invalid ? true : undefined}
            />
          </>
        ) : (
          <Select
            label={t.year}
            data={years}
            value={String(value.year)}
            allowDeselect={false}
            onChange={(y) => y && onChange({ ...value, year: Number(y) })}
            w={120}
          />
        )}
        <Switch
          mb={8}
          label={t.compare}
          checked={value.compare}
          onChange={(e) => onChange({ ...value, compare: e.currentTarget.checked })}
        />
      </Group>
      {invalid && (
        <Text c="red.9" size="sm" role="alert">
          {t.invalidRange}
        </Text>
      )}
    </Stack>
  );
}
