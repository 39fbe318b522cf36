import { Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { sv } from '../i18n/sv';
import { apiFieldError, useScheduleMeetings } from './meeting-data';
import { Saved } from './Saved';
import { WriteError } from './WriteError';

/** One meeting: a date, a time and a place or digital link. */
export function ScheduleMeetingForm() {
  const t = sv.meetings.schedule;
  const [date, setDate] = useState('');
  const [time, setTime] = useState('09:00');
  const [place, setPlace] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  const schedule = useScheduleMeetings();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="schedule-meeting" miw={280}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          if (!date) {
            setMissing(true);
            return;
          }
          schedule.mutate(
            [{ date, ...(time ? { time } : {}), ...(place.trim() ? { place: place.trim() } : {}) }],
            {
              onSuccess: () => {
                setDone(true);
                setDate('');
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} id="schedule-meeting">
            {t.title}
          </Title>
          <TextInput
            type="date"
            label={sv.meetings.date}
            value={date}
            onChange={(e) => {
              setDate(e.currentTarget.value);
              setMissing(false);
            }}
            required
            error={(missing ? sv.meetings.required : undefined) ?? apiFieldError(schedule.error, 'date')}
          />
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
          <WriteError error={schedule.error} onReload={() => schedule.reset()} />
          {done && <Saved>{t.done}</Saved>}
          <Group>
            <Button type="submit" loading={schedule.isPending}>
              {t.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
