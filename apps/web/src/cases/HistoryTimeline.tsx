import { Box, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatDate, formatDateTime } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import type { CaseEvent } from './case-types';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** One line on what the event recorded, from its data; nothing for events that say it all. */
function eventDetail(e: CaseEvent, nameOf: (code: string) => string): string | undefined {
  const d = e.data;
  const party = (v: unknown) => (str(v) ? label(sv.codes.party, str(v)) : undefined);
  const owner = (v: unknown) => {
    const o = v as { party?: string; user?: string } | undefined;
    return o?.party ? `${label(sv.codes.party, o.party)}${o.user ? ` (${o.user})` : ''}` : undefined;
  };
  switch (e.type) {
    case 'CaseReturned':
    case 'CaseReopened':
      return str(d.reason);
    case 'DecisionRecorded':
      return [label(sv.codes.decision, str(d.decision)), owner(d.owner)].filter(Boolean).join(' · ');
    case 'OwnershipHandedOver':
      return [owner(d.from), owner(d.to)].filter(Boolean).join(' → ');
    case 'SipRequested':
      return [
        label(sv.codes.sipKind, str(d.kind)),
        label(sv.codes.sipInitiatorRole, str(d.initiatorRole)),
      ].join(' · ');
    case 'SipBooked':
      return str(d.date) ? `${sv.cases.sipBooking} ${formatDate(str(d.date))}` : undefined;
    case 'SipCancelled':
      return str(d.reason);
    case 'InsatsStarted':
      return [str(d.insatsCode) ? nameOf(str(d.insatsCode)!) : undefined, party(d.party)]
        .filter(Boolean)
        .join(' · ');
    case 'InsatsEnded':
      return [
        str(d.insatsCode) ? nameOf(str(d.insatsCode)!) : undefined,
        label(sv.codes.outcome, str(d.reason)),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'FollowUpRecorded':
      return [
        label(sv.codes.followUpMonth, d.month === undefined ? undefined : String(d.month)),
        typeof d.step === 'number' ? `${sv.cases.step}: ${d.step}` : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'PartyInvolvementEnded':
      return party(d.party);
    case 'CaseClosed':
      return label(sv.codes.outcome, str(d.outcome));
    default:
      return undefined;
  }
}

function actorText(actor: CaseEvent['actor']): string {
  const roles = actor.roles.map((r) => label(sv.codes.role, r)).join(', ');
  return [roles, actor.party ? label(sv.codes.party, actor.party) : undefined, actor.sub]
    .filter(Boolean)
    .join(' · ');
}

/** The case's history as a timeline: what happened, its business date, when it was recorded, by whom. */
export function HistoryTimeline({
  history,
  nameOf,
}: {
  history: UseQueryResult<{ events: CaseEvent[] }>;
  nameOf: (code: string) => string;
}) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="case-history">
      <Title order={2} size="h3" id="case-history">
        {sv.cases.historyTitle}
      </Title>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.events.length === 0 ? (
        <Empty>{sv.cases.noHistory}</Empty>
      ) : (
        <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={sv.cases.historyTitle}>
          {history.data.events.map((e) => {
            const detail = eventDetail(e, nameOf);
            return (
              <Box
                component="li"
                key={e.position}
                pl="md"
                pb="sm"
                style={{ borderLeft: '3px solid var(--mantine-color-blue-9)', position: 'relative' }}
              >
                <Text fw={600}>{label(sv.cases.eventType, e.type)}</Text>
                {detail && <Text size="sm">{detail}</Text>}
                <Text size="sm" c="gray.8">
                  {sv.cases.historyOccurredOn}: {formatDate(e.occurredOn)} · {sv.cases.historyRecordedAt}:{' '}
                  {formatDateTime(e.recordedAt)} · {sv.cases.historyActor}: {actorText(e.actor)}
                </Text>
              </Box>
            );
          })}
        </Box>
      )}
    </Stack>
  );
}
