import {
  Button,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { formatDate, todayIso } from '../i18n/format';
import { sv } from '../i18n/sv';
import { type Weekday, WEEKDAYS, addDays, nextMeetingDates } from './cadence';
import { type MeetingListItem, apiFieldError, useScheduleMeetings, useTenantSettings } from './meeting-data';
import { Saved } from './Saved';
import { WriteError } from './WriteError';

/** "Planera kommande möten": the next N meetings by the tenant's cadence (or a chosen rhythm), in one step. */
export function PlanMeetingsForm({ upcoming }: { upcoming: MeetingListItem[] }) {
  const t = sv.meetings.plan;
  const settings = useTenantSettings(true);
  const cadence = settings.data?.settings.meetingCadence;
  const [count, setCount] = useState<number | string>(4);
  const [weekday, setWeekday] = useState<Weekday>('TUESDAY');
  const [interval, setInterval] = useState('1');
  const [time, setTime] = useState('09:00');
  const [place, setPlace] = useState('');
  const [from, setFrom] = useState(() => addDays(todayIso(), 1));
  const [done, setDone] = useState<number | undefined>();
  const schedule = useScheduleMeetings();

  // The cadence, once read, is the default; the processledare may choose another rhythm.
  useEffect(() => {
    if (!cadence) return;
    setWeekday(cadence.weekday);
    setInterval(String(cadence.intervalWeeks));
    setTime(cadence.time);
  }, [cadence]);

  const n = typeof count === 'number' ? count : Number(count);
  const countValid = Number.isInteger(n) && n >= 1 && n <= 12;
  const taken = useMemo(() => new Set(upcoming.map((m) => m.date)), [upcoming]);
  const dates = useMemo(
    () =>
      countValid && /^\d{4}-\d{2}-\d{2}$/.test(from)
        ? nextMeetingDates(
            {
              weekday,
              intervalWeeks: Number(interval),
              anchorDate:
                cadence && String(cadence.intervalWeeks) === interval ? cadence.anchorDate : undefined,
            },
            from,
            n,
            taken,
          )
        : [],
    [countValid, from, weekday, interval, cadence, n, taken],
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-meetings" miw={320}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!countValid || dates.length === 0) return;
          setDone(undefined);
          schedule.mutate(
            dates.map((date) => ({
              date,
              ...(time ? { time } : {}),
              ...(place.trim() ? { place: place.trim() } : {}),
            })),
            { onSuccess: (ids) => setDone(ids.length) },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} id="plan-meetings">
            {t.title}
          </Title>
          <Text size="sm">{t.intro}</Text>
          <Text size="sm">
            {cadence
              ? t.cadenceFrom(
                  sv.meetings.cadenceText(
                    sv.meetings.weekday[cadence.weekday] ?? cadence.weekday,
                    cadence.intervalWeeks,
                    cadence.time,
                  ),
                )
              : settings.isPending
                ? sv.state.loading
                : t.noCadence}
          </Text>
          <Group grow align="flex-start">
            <NumberInput
              label={t.count}
              min={1}
              max={12}
              value={count}
              onChange={setCount}
              error={!countValid ? sv.meetings.countRange : undefined}
              required
            />
            <TextInput
              type="date"
              label={t.from}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              required
            />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label={t.weekday}
              value={weekday}
              onChange={(e) => setWeekday(e.currentTarget.value as Weekday)}
              data={WEEKDAYS.map((w) => ({ value: w, label: sv.meetings.weekday[w] }))}
            />
            <NativeSelect
              label={t.interval}
              value={interval}
              onChange={(e) => setInterval(e.currentTarget.value)}
              data={['1', '2', '3', '4'].map((i) => ({
                value: i,
                label: i === '1' ? t.everyWeek : t.everyNthWeek(Number(i)),
              }))}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              type="time"
              label={sv.meetings.time}
              value={time}
              onChange={(e) => setTime(e.currentTarget.value)}
              error={apiFieldError(schedule.error, 'time')}
            />
            <TextInput
              label={sv.meetings.place}
              value={place}
              onChange={(e) => setPlace(e.currentTarget.value)}
              error={apiFieldError(schedule.error, 'place')}
            />
          </Group>
          {dates.length > 0 ? (
            <div>
              <Text fw={600} id="plan-preview">
                {t.preview}
              </Text>
              <List aria-labelledby="plan-preview" size="sm">
                {dates.map((d) => (
                  <List.Item key={d}>{formatDate(d)}</List.Item>
                ))}
              </List>
            </div>
          ) : (
            countValid && <Text size="sm">{t.nothing}</Text>
          )}
          <WriteError error={schedule.error} onReload={() => schedule.reset()} />
          {done !== undefined && <Saved>{t.done(done)}</Saved>}
          <Group>
            <Button type="submit" loading={schedule.isPending} disabled={dates.length === 0}>
              {t.submit(dates.length)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
