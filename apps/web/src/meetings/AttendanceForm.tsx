import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { label, sv } from '../i18n/sv';
import { type Meeting, type Party, PARTIES, apiFieldError, useMeetingWrite } from './meeting-data';
import { Saved } from './Saved';
import { WriteError } from './WriteError';

interface MemberRow {
  party: Party;
  user: string;
}
interface GuestRow {
  name: string;
  organisation: string;
}

/** Who is present: the members per party and the adjungerade guests (replaces what was recorded). */
export function AttendanceForm({ meeting, large }: { meeting: Meeting; large: boolean }) {
  const t = sv.meetings.attendance;
  const size = large ? 'lg' : 'sm';
  const recorded = meeting.attendance;
  const [members, setMembers] = useState<MemberRow[]>(() =>
    recorded.members.length > 0
      ? recorded.members.map((m) => ({ party: m.party as Party, user: m.user }))
      : PARTIES.map((party) => ({ party, user: '' })),
  );
  const [guests, setGuests] = useState<GuestRow[]>(() =>
    recorded.guests.map((g) => ({ name: g.name, organisation: g.organisation ?? '' })),
  );
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useMeetingWrite(
    meeting.version,
    (body: { members: MemberRow[]; guests: { name: string; organisation?: string }[] }, headers) =>
      unwrap(
        api.POST('/api/v1/meetings/{id}/attendance', {
          params: { path: { id: meeting.id }, header: headers },
          body,
        }),
      ),
  );
  const setMember = (i: number, row: Partial<MemberRow>) =>
    setMembers((rows) => rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const setGuest = (i: number, row: Partial<GuestRow>) =>
    setGuests((rows) => rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const invalid = members.some((m) => !m.user.trim()) || guests.some((g) => !g.name.trim());

  return (
    <form
      noValidate
      aria-labelledby="attendance-title"
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
        setSaved(false);
        if (invalid) return;
        save.mutate(
          {
            members: members.map((m) => ({ party: m.party, user: m.user.trim() })),
            guests: guests.map((g) => ({
              name: g.name.trim(),
              ...(g.organisation.trim() ? { organisation: g.organisation.trim() } : {}),
            })),
          },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <Stack gap="md">
        <Title order={2} id="attendance-title">
          {t.title}
        </Title>
        <fieldset className="plain-fieldset">
          <legend>
            <Text fw={700} size={size}>
              {t.members}
            </Text>
          </legend>
          <Stack gap="xs">
            {members.map((m, i) => (
              <Group key={i} align="flex-end" wrap="nowrap">
                <NativeSelect
                  size={size}
                  label={`${t.party} ${i + 1}`}
                  value={m.party}
                  onChange={(e) => setMember(i, { party: e.currentTarget.value as Party })}
                  data={PARTIES.map((p) => ({ value: p, label: label(sv.codes.party, p) }))}
                />
                <TextInput
                  size={size}
                  style={{ flex: 1 }}
                  label={`${t.user} ${i + 1}`}
                  value={m.user}
                  onChange={(e) => setMember(i, { user: e.currentTarget.value })}
                  required
                  error={
                    (checked && !m.user.trim() ? sv.meetings.required : undefined) ??
                    apiFieldError(save.error, `members[${i}]`)
                  }
                />
                <Button
                  size={size}
                  variant="default"
                  aria-label={t.removeMember(i + 1)}
                  onClick={() => setMembers((rows) => rows.filter((_, j) => j !== i))}
                >
                  {t.remove}
                </Button>
              </Group>
            ))}
            <Group>
              <Button
                size={size}
                variant="default"
                onClick={() => setMembers((rows) => [...rows, { party: 'KOMMUN', user: '' }])}
              >
                {t.addMember}
              </Button>
            </Group>
          </Stack>
        </fieldset>
        <fieldset className="plain-fieldset">
          <legend>
            <Text fw={700} size={size}>
              {t.guests}
            </Text>
          </legend>
          <Stack gap="xs">
            {guests.map((g, i) => (
              <Group key={i} align="flex-end" wrap="nowrap">
                <TextInput
                  size={size}
                  style={{ flex: 1 }}
                  label={`${t.guestName} ${i + 1}`}
                  value={g.name}
                  onChange={(e) => setGuest(i, { name: e.currentTarget.value })}
                  required
                  error={
                    (checked && !g.name.trim() ? sv.meetings.required : undefined) ??
                    apiFieldError(save.error, `guests[${i}]`)
                  }
                />
                <TextInput
                  size={size}
                  style={{ flex: 1 }}
                  label={`${t.organisation} ${i + 1}`}
                  value={g.organisation}
                  onChange={(e) => setGuest(i, { organisation: e.currentTarget.value })}
                />
                <Button
                  size={size}
                  variant="default"
                  aria-label={t.removeGuest(i + 1)}
                  onClick={() => setGuests((rows) => rows.filter((_, j) => j !== i))}
                >
                  {t.remove}
                </Button>
              </Group>
            ))}
            <Group>
              <Button
                size={size}
                variant="default"
                onClick={() => setGuests((rows) => [...rows, { name: '', organisation: '' }])}
              >
                {t.addGuest}
              </Button>
            </Group>
          </Stack>
        </fieldset>
        <WriteError error={save.error} onReload={() => save.reset()} />
        {saved && <Saved>{t.saved}</Saved>}
        <Group>
          <Button type="submit" size={size} loading={save.isPending}>
            {t.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
