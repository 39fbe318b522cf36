import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type BodyOf } from '../api/client';
import { todayIso } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import {
  type CaseView,
  type Decision,
  type Meeting,
  type Party,
  DECISIONS,
  apiFieldError,
  useCatalogue,
  useMeetingWrite,
} from './meeting-data';
import { WriteError } from './WriteError';

interface Jav {
  party: Party;
  user?: string;
}
const javKey = (j: Jav) => `${j.party}/${j.user ?? ''}`;

/** R6: the group's decision on one case, recorded during (or after) the meeting. */
export function DecisionForm({ meeting, view, large }: { meeting: Meeting; view: CaseView; large: boolean }) {
  const t = sv.meetings.decision;
  const size = large ? 'lg' : 'sm';
  const today = todayIso();
  const owners = [view.initiatingParty, ...view.consent.scopeParties].filter(
    (p, i, all): p is Party => all.indexOf(p) === i,
  );
  const catalogue = useCatalogue(true);
  const insatser = (catalogue.data?.items ?? []).filter((i) => i.active);
  // Members present, then parties with no member recorded: each can be marked with jäv.
  const javChoices: Jav[] = [
    ...meeting.attendance.members.map((m) => ({ party: m.party as Party, user: m.user })),
    ...view.parties
      .filter((p) => !meeting.attendance.members.some((m) => m.party === p))
      .map((party) => ({ party })),
  ];
  const [decision, setDecision] = useState<Decision | ''>('');
  const [ownerParty, setOwnerParty] = useState<Party>(view.otherParties[0] ?? view.initiatingParty);
  const [ownerUser, setOwnerUser] = useState('');
  const [recommended, setRecommended] = useState<string[]>([]);
  const [recommendation, setRecommendation] = useState('');
  const [jav, setJav] = useState<string[]>([]);
  const [decidedOn, setDecidedOn] = useState(meeting.date <= today ? meeting.date : today);
  const [checked, setChecked] = useState(false);
  const record = useMeetingWrite(
    view.version,
    (body: BodyOf<'/api/v1/cases/{id}/decision', 'post'>, headers) =>
      unwrap(
        api.POST('/api/v1/cases/{id}/decision', {
          params: { path: { id: view.id }, header: headers },
          body,
        }),
      ),
    () => [view.id],
  );
  const fordjupad = decision === 'FORDJUPAD_SAMORDNING';
  const dateError = !decidedOn
    ? sv.meetings.required
    : decidedOn > today
      ? sv.meetings.futureDate
      : decidedOn < meeting.date
        ? sv.meetings.beforeMeeting
        : undefined;

  if (meeting.date > today)
    return (
      <Text size={size} fw={600}>
        {t.meetingAhead}
      </Text>
    );

  return (
    <form
      noValidate
      aria-labelledby={`decision-${view.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
        if (!decision || dateError) return;
        record.mutate({
          meetingId: meeting.id,
          decision,
          ...(fordjupad
            ? { ownerParty, ownerUser: ownerUser.trim() || undefined, recommendedInsatser: recommended }
            : {}),
          recommendation: recommendation.trim() || undefined,
          notParticipating: javChoices.filter((j) => jav.includes(javKey(j))),
          decidedOn,
        });
      }}
    >
      <Stack gap="md">
        <Title order={3} id={`decision-${view.id}`}>
          {t.title}
        </Title>
        <Radio.Group
          label={t.kind}
          size={size}
          value={decision}
          onChange={(v) => setDecision(v as Decision)}
          required
          error={
            (checked && !decision ? sv.meetings.required : undefined) ??
            apiFieldError(record.error, 'decision')
          }
        >
          <Stack gap="xs" mt="xs">
            {DECISIONS.map((d) => (
              <Radio key={d} value={d} label={label(sv.codes.decision, d)} size={size} />
            ))}
          </Stack>
        </Radio.Group>
        {fordjupad && (
          <>
            <Group grow align="flex-start">
              <NativeSelect
                size={size}
                label={t.ownerParty}
                value={ownerParty}
                onChange={(e) => setOwnerParty(e.currentTarget.value as Party)}
                data={owners.map((p) => ({ value: p, label: label(sv.codes.party, p) }))}
                error={apiFieldError(record.error, 'ownerParty')}
                required
              />
              <TextInput
                size={size}
                label={t.ownerUser}
                value={ownerUser}
                onChange={(e) => setOwnerUser(e.currentTarget.value)}
                error={apiFieldError(record.error, 'ownerUser')}
              />
            </Group>
            <Checkbox.Group
              size={size}
              label={t.insatser}
              value={recommended}
              onChange={setRecommended}
              error={apiFieldError(record.error, 'recommendedInsatser')}
            >
              <Stack gap="xs" mt="xs">
                {catalogue.isPending ? (
                  <Text>{sv.state.loading}</Text>
                ) : insatser.length === 0 ? (
                  <Text>{t.noCatalogue}</Text>
                ) : (
                  insatser.map((i) => <Checkbox key={i.code} value={i.code} label={i.name} size={size} />)
                )}
              </Stack>
            </Checkbox.Group>
          </>
        )}
        <Checkbox.Group
          size={size}
          label={t.jav}
          description={t.javHint}
          value={jav}
          onChange={setJav}
          error={apiFieldError(record.error, 'notParticipating')}
        >
          <Stack gap="xs" mt="xs">
            {javChoices.map((j) => (
              <Checkbox
                key={javKey(j)}
                value={javKey(j)}
                size={size}
                label={`${label(sv.codes.party, j.party)}${j.user ? ` (${j.user})` : ''}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          size={size}
          label={t.recommendation}
          value={recommendation}
          onChange={(e) => setRecommendation(e.currentTarget.value)}
          autosize
          minRows={2}
          error={apiFieldError(record.error, 'recommendation')}
        />
        <TextInput
          size={size}
          type="date"
          label={t.decidedOn}
          value={decidedOn}
          max={today}
          min={meeting.date}
          onChange={(e) => setDecidedOn(e.currentTarget.value)}
          required
          error={(checked ? dateError : undefined) ?? apiFieldError(record.error, 'decidedOn')}
        />
        <WriteError error={record.error} onReload={() => record.reset()} />
        <Group>
          <Button type="submit" size={size} loading={record.isPending}>
            {t.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
