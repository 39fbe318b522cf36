import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { caseRef } from '../common/case-ref';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatDate, formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { CaseSummary } from './CaseSummary';
import {
  type AgendaItem,
  type Meeting,
  readAfterOwnWrites,
  useMeetingWrite,
  useUpcomingMeetings,
} from './meeting-data';
import { WriteError } from './WriteError';

type Direction = 'up' | 'down';

const moveButtonId = (caseId: string, direction: Direction) => `agenda-move-${direction}-${caseId}`;

/**
 * The agenda in the API's order (the processledare's, once set; before that priority first, then
 * the oldest case), each case's summary, and for the processledare: move up or down, move to
 * another meeting, remove, and the accepted cases waiting to be added.
 */
export function AgendaBuilder({ meeting, canEdit }: { meeting: Meeting; canEdit: boolean }) {
  const [message, setMessage] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const announce = (text: string) => {
    setMessage(text);
    // The button pressed is gone with its row: keep the keyboard user where the news is.
    requestAnimationFrame(() => status.current?.focus());
  };
  const reorder = useAgendaOrder(meeting, setMessage);
  return (
    <Stack gap="lg">
      <Text ref={status} role="status" tabIndex={-1} fw={600} aria-live="polite">
        {message}
      </Text>
      <section aria-labelledby="agenda-title">
        <Title order={2} id="agenda-title" mb="sm">
          {sv.meetings.meeting.agenda}
        </Title>
        <WriteError error={reorder.error} onReload={reorder.reset} />
        {meeting.agenda.length === 0 ? (
          <Empty>{sv.meetings.meeting.emptyAgenda}</Empty>
        ) : (
          <ol className="agenda-list">
            {meeting.agenda.map((item, i) => (
              <li key={item.caseId}>
                <AgendaItemCard
                  meeting={meeting}
                  item={item}
                  n={i + 1}
                  canEdit={canEdit}
                  onDone={announce}
                  onMove={reorder.move}
                />
              </li>
            ))}
          </ol>
        )}
      </section>
      {canEdit && <Candidates meeting={meeting} onAdded={announce} />}
    </Stack>
  );
}

/**
 * Flytta upp / Flytta ned: the whole agenda with the case swapped with its neighbour, If-Match the
 * version shown. Once the agenda is read again the focus stays with the moved case (on the other
 * button when it reached the top or the bottom) and the live region says where it went.
 */
function useAgendaOrder(meeting: Meeting, say: (message: string) => void) {
  const write = useMeetingWrite(meeting.version, (caseIds: string[], headers) =>
    unwrap(
      api.POST('/api/v1/meetings/{id}/agenda/order', {
        params: { path: { id: meeting.id }, header: headers },
        body: { caseIds },
      }),
    ),
  );
  const [moved, setMoved] = useState<{ caseId: string; direction: Direction }>();
  useEffect(() => {
    if (!moved) return;
    const place = meeting.agenda.findIndex((a) => a.caseId === moved.caseId);
    if (place === -1) {
      setMoved(undefined);
      return;
    }
    const edge = moved.direction === 'up' ? place === 0 : place === meeting.agenda.length - 1;
    const direction: Direction = edge ? (moved.direction === 'up' ? 'down' : 'up') : moved.direction;
    document.getElementById(moveButtonId(moved.caseId, direction))?.focus();
    say(sv.agenda.movedTo(caseRef(moved.caseId), place + 1));
    setMoved(undefined);
  }, [moved, meeting.agenda, say]);
  const move = (caseId: string, direction: Direction) => {
    if (write.isPending) return;
    const caseIds = meeting.agenda.map((a) => a.caseId);
    const from = caseIds.indexOf(caseId);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from === -1 || to < 0 || to >= caseIds.length) return;
    [caseIds[from], caseIds[to]] = [caseIds[to], caseIds[from]];
    // The answer comes once the meeting is read again (useMeetingWrite waits for it).
    void write.mutateAsync(caseIds).then(() => setMoved({ caseId, direction }), ignore);
  };
  return { move, error: write.error, reset: () => write.reset() };
}

function AgendaItemCard({
  meeting,
  item,
  n,
  canEdit,
  onDone,
  onMove,
}: {
  meeting: Meeting;
  item: AgendaItem;
  n: number;
  canEdit: boolean;
  onDone: (message: string) => void;
  onMove: (caseId: string, direction: Direction) => void;
}) {
  const t = sv.meetings.meeting;
  const ref = caseRef(item.caseId);
  const decided = meeting.decisions.filter((d) => d.caseId === item.caseId).at(-1);
  const headingId = `agenda-${item.caseId}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <Title order={3} id={headingId}>
              <Anchor component={Link} to={`/arenden/${item.caseId}`} inherit>
                {t.item(n, ref)}
              </Anchor>
            </Title>
            {item.priority && (
              <Badge color="red.9" variant="filled">
                {t.priority}
              </Badge>
            )}
          </Group>
          <Text>
            {t.decision}:{' '}
            {decided
              ? `${label(sv.codes.decision, decided.decision)} (${formatShortDate(decided.decidedOn)})`
              : t.notDecided}
          </Text>
        </Group>
        {canEdit && meeting.agenda.length > 1 && (
          <Group gap="xs" role="group" aria-label={sv.agenda.orderGroup(ref)}>
            <Button
              id={moveButtonId(item.caseId, 'up')}
              size="xs"
              variant="default"
              aria-label={sv.agenda.moveUpLabel(ref)}
              disabled={n === 1}
              onClick={() => onMove(item.caseId, 'up')}
            >
              {sv.agenda.moveUp}
            </Button>
            <Button
              id={moveButtonId(item.caseId, 'down')}
              size="xs"
              variant="default"
              aria-label={sv.agenda.moveDownLabel(ref)}
              disabled={n === meeting.agenda.length}
              onClick={() => onMove(item.caseId, 'down')}
            >
              {sv.agenda.moveDown}
            </Button>
          </Group>
        )}
        <CaseSummary caseId={item.caseId} />
        {canEdit && !decided && <AgendaItemActions meeting={meeting} caseId={item.caseId} onDone={onDone} />}
      </Stack>
    </Paper>
  );
}

function AgendaItemActions({
  meeting,
  caseId,
  onDone,
}: {
  meeting: Meeting;
  caseId: string;
  onDone: (message: string) => void;
}) {
  const t = sv.meetings.meeting;
  const ref = caseRef(caseId);
  const upcoming = useUpcomingMeetings();
  const others = (upcoming.data?.items ?? []).filter((m) => m.id !== meeting.id);
  const [target, setTarget] = useState('');
  const move = useMeetingWrite(
    meeting.version,
    (toMeetingId: string, headers) =>
      unwrap(
        api.POST('/api/v1/meetings/{id}/agenda/{caseId}/move', {
          params: { path: { id: meeting.id, caseId }, header: headers },
          body: { toMeetingId },
        }),
      ),
    () => [caseId],
  );
  const remove = useMeetingWrite(
    meeting.version,
    (_: null, headers) =>
      unwrap(
        api.DELETE('/api/v1/meetings/{id}/agenda/{caseId}', {
          params: { path: { id: meeting.id, caseId }, header: headers },
        }),
      ),
    () => [caseId],
  );
  const chosen = target || others[0]?.id || '';
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm">
        {others.length > 0 ? (
          <>
            <NativeSelect
              label={t.moveTo}
              aria-label={`${t.moveTo}: ${t.moveLabel(ref)}`}
              value={chosen}
              onChange={(e) => setTarget(e.currentTarget.value)}
              data={others.map((m) => ({
                value: m.id,
                label: `${formatDate(m.date)}${m.time ? ` ${m.time}` : ''}`,
              }))}
            />
            <Button
              variant="default"
              aria-label={t.moveLabel(ref)}
              loading={move.isPending}
              onClick={() => void move.mutateAsync(chosen).then(() => onDone(t.moved(ref)), ignore)}
            >
              {t.move}
            </Button>
          </>
        ) : (
          <Text size="sm">{t.noOtherMeeting}</Text>
        )}
        <Button
          variant="outline"
          color="red.9"
          aria-label={t.removeLabel(ref)}
          loading={remove.isPending}
          onClick={() => void remove.mutateAsync(null).then(() => onDone(t.removed(ref)), ignore)}
        >
          {t.remove}
        </Button>
      </Group>
      <WriteError error={move.error ?? remove.error} onReload={() => (move.reset(), remove.reset())} />
    </Stack>
  );
}

// The row is gone once the meeting is read again, so a mutate callback would never run: the
// promise does. A refusal is shown from the mutation's error.
const ignore = () => undefined;

/** The queue's AWAITING_BEREDNING bucket: accepted cases without a decision, oldest first. */
function Candidates({ meeting, onAdded }: { meeting: Meeting; onAdded: (message: string) => void }) {
  const t = sv.meetings.candidates;
  const queue = useQuery({
    queryKey: ['queue', 'items', 'AWAITING_BEREDNING', 'agenda'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/queue', {
          params: { query: { bucket: 'AWAITING_BEREDNING', limit: 200, minPosition: readAfterOwnWrites() } },
        }),
      ),
  });
  const onAgenda = new Set(meeting.agenda.map((a) => a.caseId));
  const items = (queue.data?.items ?? []).filter((i) => !onAgenda.has(i.caseId));
  const views = useQueries({
    queries: items.map((i) => ({
      queryKey: ['case', i.caseId],
      queryFn: () => unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id: i.caseId } } })),
    })),
  });
  const [priority, setPriority] = useState<Record<string, boolean>>({});
  const add = useMeetingWrite(
    meeting.version,
    (vars: { caseId: string; priority: boolean }, headers) =>
      unwrap(
        api.POST('/api/v1/meetings/{id}/agenda', {
          params: { path: { id: meeting.id }, header: headers },
          body: vars,
        }),
      ),
    (vars) => [vars.caseId],
  );
  const initiatedOn = (i: number) => views[i]?.data?.initiatedOn ?? '9999-12-31';
  const rows = items
    .map((item, i) => ({ item, view: views[i]?.data, initiatedOn: initiatedOn(i) }))
    // Unplanned first, then the oldest case first (DOMAIN.md §4).
    .sort(
      (a, b) =>
        Number(!!a.item.meetingId) - Number(!!b.item.meetingId) || a.initiatedOn.localeCompare(b.initiatedOn),
    );
  return (
    <section aria-labelledby="candidates-title">
      <Title order={2} id="candidates-title" mb="xs">
        {t.title}
      </Title>
      <Text size="sm" mb="sm">
        {t.intro}
      </Text>
      <WriteError error={add.error} onReload={() => add.reset()} />
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{t.empty}</Empty>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t.caseRef}</Table.Th>
              <Table.Th scope="col">{t.initiatedOn}</Table.Th>
              <Table.Th scope="col">{t.initiatingParty}</Table.Th>
              <Table.Th scope="col">{t.question}</Table.Th>
              <Table.Th scope="col">{t.plannedFor}</Table.Th>
              <Table.Th scope="col">{t.priority}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t.add}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ item, view }) => {
              const ref = caseRef(item.caseId);
              return (
                <Table.Tr key={item.caseId}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/arenden/${item.caseId}`}>
                      {ref}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{formatShortDate(view?.initiatedOn)}</Table.Td>
                  <Table.Td>{label(sv.codes.party, item.initiatingParty)}</Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm" lineClamp={2}>
                      {view?.question ?? '–'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {item.meetingId ? (
                      <Anchor component={Link} to={`/moten/${item.meetingId}`}>
                        {t.onOtherMeeting(formatShortDate(item.dueDate))}
                      </Anchor>
                    ) : (
                      '–'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t.priorityLabel(ref)}
                      checked={!!priority[item.caseId]}
                      onChange={(e) => {
                        const checked = e.currentTarget.checked;
                        setPriority((p) => ({ ...p, [item.caseId]: checked }));
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      aria-label={t.addLabel(ref)}
                      loading={add.isPending && add.variables?.caseId === item.caseId}
                      onClick={() =>
                        add.mutate(
                          { caseId: item.caseId, priority: !!priority[item.caseId] },
                          { onSuccess: () => onAdded(t.added(ref)) },
                        )
                      }
                    >
                      {t.add}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
