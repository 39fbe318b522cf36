import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap, type BodyOf, type ResponseOf } from '../api/client';
import { ErrorState, Loading } from '../common/states';
import { label, sv } from '../i18n/sv';
import { AdminLayout } from './AdminLayout';
import { SETTINGS_KEY, useIdempotencyKey, useTenantSettings } from './tenant-config';
import { fieldError, WriteProblem } from './WriteProblem';

type Settings = ResponseOf<'/api/v1/admin/settings', 'get'>['settings'];
type SettingsBody = BodyOf<'/api/v1/admin/settings', 'put'>;
type Cadence = NonNullable<SettingsBody['meetingCadence']>;

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The thresholds the DTO takes, with the API's bounds (upsert-tenant-settings.dto). */
const NUMBERS = [
  { key: 'retentionMonths', min: 1, max: 240 },
  { key: 'stagnationWeeks', min: 1, max: 104 },
  { key: 'insatsDeadlineDays', min: 1, max: 730 },
  { key: 'followUpGraceDays', min: 0, max: 180 },
  { key: 'consentExpiringDays', min: 0, max: 365 },
] as const;
type NumberKey = (typeof NUMBERS)[number]['key'];

const HINTS: Record<NumberKey, string> = {
  retentionMonths: sv.admin.settings.retentionHint,
  stagnationWeeks: sv.admin.settings.stagnationHint,
  insatsDeadlineDays: sv.admin.settings.insatsDeadlineHint,
  followUpGraceDays: sv.admin.settings.followUpGraceHint,
  consentExpiringDays: sv.admin.settings.consentExpiringHint,
};

/** The tenant's settings: the meeting cadence, retention and the thresholds the queue watches. */
export function SettingsPage() {
  const settings = useTenantSettings();
  const queryClient = useQueryClient();
  // After a conflict the form starts over from what is saved now.
  const [generation, setGeneration] = useState(0);
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
    setGeneration((g) => g + 1);
  };
  return (
    <AdminLayout page="settings">
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm
          key={generation}
          version={settings.data.version}
          saved={settings.data.settings}
          onReload={() => void reload()}
        />
      )}
    </AdminLayout>
  );
}

interface CadenceFields {
  weekday: string | null;
  time: string;
  intervalWeeks: number | string;
  anchorDate: string;
  durationMinutes: number | string;
}

function SettingsForm({
  version,
  saved,
  onReload,
}: {
  version: number;
  saved: Settings;
  onReload: () => void;
}) {
  const t = sv.admin.settings;
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKey();
  const [hasCadence, setHasCadence] = useState(!!saved.meetingCadence);
  const [cadence, setCadence] = useState<CadenceFields>({
    weekday: saved.meetingCadence?.weekday ?? null,
    time: saved.meetingCadence?.time ?? '',
    intervalWeeks: saved.meetingCadence?.intervalWeeks ?? 1,
    anchorDate: saved.meetingCadence?.anchorDate ?? '',
    durationMinutes: saved.meetingCadence?.durationMinutes ?? '',
  });
  const [numbers, setNumbers] = useState<Record<NumberKey, number | string>>(() => ({
    retentionMonths: saved.retentionMonths,
    stagnationWeeks: saved.stagnationWeeks,
    insatsDeadlineDays: saved.insatsDeadlineDays,
    followUpGraceDays: saved.followUpGraceDays,
    consentExpiringDays: saved.consentExpiringDays,
  }));
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string>('');

  const save = useMutation({
    mutationFn: (body: SettingsBody) =>
      unwrap(
        api.PUT('/api/v1/admin/settings', {
          params: { header: { ...ifMatch(version), ...keyFor(body) } },
          body,
        }),
      ),
    onSuccess: (answer) => {
      queryClient.setQueryData(
        SETTINGS_KEY,
        (old: ResponseOf<'/api/v1/admin/settings', 'get'> | undefined) =>
          old ? { ...old, version: answer.version, settings: answer.settings } : old,
      );
      void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
    },
  });

  const setCadenceField = (patch: Partial<CadenceFields>) => setCadence((c) => ({ ...c, ...patch }));

  const submit = () => {
    setNote('');
    const problems: Record<string, string> = {};
    const body: SettingsBody = {};
    for (const { key, min, max } of NUMBERS) {
      const value = numbers[key];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        problems[key] = t.range(min, max);
      else if (value !== saved[key]) body[key] = value;
    }
    if (hasCadence) {
      if (!cadence.weekday) problems['meetingCadence.weekday'] = sv.admin.required;
      if (!TIME.test(cadence.time)) problems['meetingCadence.time'] = t.timeInvalid;
      const interval = cadence.intervalWeeks;
      if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1 || interval > 4)
        problems['meetingCadence.intervalWeeks'] = t.range(1, 4);
      const duration = cadence.durationMinutes;
      if (
        duration !== '' &&
        (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 5 || duration > 600)
      )
        problems['meetingCadence.durationMinutes'] = t.range(5, 600);
      const next: Cadence = {
        weekday: (cadence.weekday ?? 'MONDAY') as Cadence['weekday'],
        time: cadence.time,
        intervalWeeks: interval as number,
        ...(cadence.anchorDate ? { anchorDate: cadence.anchorDate } : {}),
        ...(typeof duration === 'number' ? { durationMinutes: duration } : {}),
      };
      if (JSON.stringify(next) !== JSON.stringify(normalised(saved.meetingCadence)))
        body.meetingCadence = next;
    } else if (saved.meetingCadence) {
      // null clears the cadence (the DTO takes it; the OpenAPI document does not say nullable yet).
      body.meetingCadence = null as unknown as Cadence;
    }
    setChecks(problems);
    if (Object.keys(problems).length > 0) return;
    if (Object.keys(body).length === 0) {
      setNote(sv.admin.noChanges);
      return;
    }
    save.mutate(body);
  };

  const error = save.error;
  const problem = (field: string) => checks[field] ?? fieldError(error, field);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <WriteProblem
          error={error}
          fields={['meetingCadence', ...NUMBERS.map((n) => n.key)]}
          onReload={onReload}
        />
        <Fieldset legend={t.cadenceTitle}>
          <Stack gap="sm">
            <Checkbox
              label={t.noCadence}
              checked={!hasCadence}
              onChange={(e) => setHasCadence(!e.currentTarget.checked)}
            />
            {hasCadence && (
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <Select
                  label={t.weekday}
                  required
                  data={WEEKDAYS.map((d) => ({ value: d, label: label(sv.admin.weekday, d) }))}
                  value={cadence.weekday}
                  onChange={(weekday) => setCadenceField({ weekday })}
                  error={problem('meetingCadence.weekday')}
                />
                <TextInput
                  label={t.time}
                  required
                  placeholder="09:00"
                  value={cadence.time}
                  onChange={(e) => setCadenceField({ time: e.currentTarget.value })}
                  error={problem('meetingCadence.time')}
                />
                <NumberInput
                  label={t.intervalWeeks}
                  description={t.intervalHint}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  required
                  min={1}
                  max={4}
                  allowDecimal={false}
                  clampBehavior="none"
                  value={cadence.intervalWeeks}
                  onChange={(intervalWeeks) => setCadenceField({ intervalWeeks })}
                  error={problem('meetingCadence.intervalWeeks')}
                />
                <TextInput
                  type="date"
                  label={t.anchorDate}
                  description={t.anchorHint}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  value={cadence.anchorDate}
                  onChange={(e) => setCadenceField({ anchorDate: e.currentTarget.value })}
                  error={problem('meetingCadence.anchorDate')}
                />
                <NumberInput
                  label={t.durationMinutes}
                  min={5}
                  max={600}
                  allowDecimal={false}
                  clampBehavior="none"
                  value={cadence.durationMinutes}
                  onChange={(durationMinutes) => setCadenceField({ durationMinutes })}
                  error={problem('meetingCadence.durationMinutes')}
                />
              </SimpleGrid>
            )}
          </Stack>
        </Fieldset>
        <Fieldset legend={t.thresholdsTitle}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {NUMBERS.map(({ key, min, max }) => (
              <NumberInput
                key={key}
                label={t[key]}
                description={HINTS[key]}
                required
                min={min}
                max={max}
                allowDecimal={false}
                clampBehavior="none"
                value={numbers[key]}
                onChange={(value) => setNumbers((n) => ({ ...n, [key]: value }))}
                error={problem(key)}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t.save}
          </Button>
          <Text role="status" c="blue.9" fw={600}>
            {save.isSuccess ? sv.admin.saved : note}
          </Text>
          <Text size="sm" c="gray.8" ml="auto">
            {t.version(version)}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

/** The saved cadence in the shape the form sends, to tell whether it changed. */
function normalised(c: Settings['meetingCadence']): Cadence | undefined {
  if (!c) return undefined;
  return {
    weekday: c.weekday as Cadence['weekday'],
    time: c.time,
    intervalWeeks: c.intervalWeeks,
    ...(c.anchorDate ? { anchorDate: c.anchorDate } : {}),
    ...(c.durationMinutes !== undefined ? { durationMinutes: c.durationMinutes } : {}),
  };
}
