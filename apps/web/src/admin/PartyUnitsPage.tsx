import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../api/client';
import { ErrorState, Loading } from '../common/states';
import { label, sv } from '../i18n/sv';
import { AdminLayout } from './AdminLayout';
import { PARTIES, type Party, SETTINGS_KEY, useIdempotencyKey, useTenantSettings } from './tenant-config';
import { fieldError, WriteProblem } from './WriteProblem';

// The domain's rule for a unit code (set-party-units): checked here for convenience.
const UNIT_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

interface UnitRow {
  key: number;
  code: string;
  name: string;
}

/** Each party's units, one editor per party. */
export function PartyUnitsPage() {
  const settings = useTenantSettings();
  return (
    <AdminLayout page="parties">
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        PARTIES.map((party) => (
          <PartyUnitsEditor
            key={party}
            party={party}
            version={settings.data.version}
            saved={settings.data.units[party] ?? []}
          />
        ))
      )}
    </AdminLayout>
  );
}

let nextKey = 1;

function PartyUnitsEditor({
  party,
  version,
  saved,
}: {
  party: Party;
  version: number;
  saved: { code: string; name: string }[];
}) {
  const t = sv.admin.parties;
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKey();
  const [rows, setRows] = useState<UnitRow[]>(() => saved.map((u) => ({ key: nextKey++, ...u })));
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const partyName = label(sv.codes.party, party);

  const save = useMutation({
    mutationFn: (units: { code: string; name: string }[]) =>
      unwrap(
        api.PUT('/api/v1/admin/parties/{party}/units', {
          params: { path: { party }, header: { ...ifMatch(version), ...keyFor({ party, units }) } },
          body: { units },
        }),
      ),
    onSuccess: () => {
      setDone(true);
      void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
    },
  });

  // After a conflict: start over from what is saved now.
  const reload = async () => {
    save.reset();
    await queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
    const fresh = queryClient.getQueryData<{ units: Record<string, { code: string; name: string }[]> }>(
      SETTINGS_KEY,
    );
    setRows((fresh?.units[party] ?? []).map((u) => ({ key: nextKey++, ...u })));
  };

  const update = (i: number, patch: Partial<UnitRow>) => {
    setDone(false);
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  };
  const move = (i: number, by: -1 | 1) =>
    setRows((r) => {
      const next = [...r];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });

  const submit = () => {
    const units = rows.map((r) => ({ code: r.code.trim(), name: r.name.trim() }));
    const problems: Record<string, string> = {};
    units.forEach((u, i) => {
      if (!u.code) problems[`units[${i}].code`] = sv.admin.required;
      else if (!UNIT_CODE.test(u.code)) problems[`units[${i}].code`] = t.codeInvalid;
      else if (units.findIndex((x) => x.code === u.code) < i) problems[`units[${i}].code`] = t.duplicate;
      if (!u.name) problems[`units[${i}].name`] = sv.admin.required;
    });
    setChecks(problems);
    if (Object.keys(problems).length === 0) save.mutate(units);
  };

  const error = save.error;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`units-${party}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} id={`units-${party}`}>
            {partyName}
          </Title>
          <WriteProblem error={error} fields={['units']} onReload={() => void reload()} />
          {rows.length === 0 && <Text c="dimmed">{t.noUnits}</Text>}
          {rows.map((row, i) => (
            <Group key={row.key} align="flex-start" wrap="nowrap">
              <TextInput
                label={`${t.unitCode} (${t.unitRow(i + 1).toLowerCase()})`}
                value={row.code}
                onChange={(e) => update(i, { code: e.currentTarget.value })}
                error={checks[`units[${i}].code`] ?? fieldError(error, `units[${i}].code`)}
                autoComplete="off"
                w={220}
              />
              <TextInput
                label={`${t.unitName} (${t.unitRow(i + 1).toLowerCase()})`}
                value={row.name}
                maxLength={200}
                onChange={(e) => update(i, { name: e.currentTarget.value })}
                error={checks[`units[${i}].name`] ?? fieldError(error, `units[${i}].name`)}
                autoComplete="off"
                style={{ flex: 1 }}
              />
              <Group gap={4} mt={26} wrap="nowrap">
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t.moveUpLabel(i + 1)}
                  title={t.moveUp}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t.moveDownLabel(i + 1)}
                  title={t.moveDown}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </ActionIcon>
                <Button
                  variant="default"
                  aria-label={t.removeLabel(i + 1)}
                  onClick={() => {
                    setDone(false);
                    setRows((r) => r.filter((_, j) => j !== i));
                  }}
                >
                  {t.remove}
                </Button>
              </Group>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              onClick={() => {
                setDone(false);
                setRows((r) => [...r, { key: nextKey++, code: '', name: '' }]);
              }}
            >
              {t.addUnit}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t.save(partyName)}
            </Button>
            <Text role="status" c="blue.9" fw={600}>
              {done ? sv.admin.saved : ''}
            </Text>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
