import { Anchor, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { hasRole } from '../auth/principal';
import { useSession } from '../auth/AuthProvider';
import { caseRef } from '../common/case-ref';
import { ErrorState, Loading } from '../common/states';
import { sv } from '../i18n/sv';
import { allowedActions, mayActOnSip, mayEndInsats, partiesToEnd, type CaseAction } from './case-permissions';
import type { CaseView, CatalogueInsats, InsatsView, SipView } from './case-types';
import { CaseSummary, ConsentCard, DeadlinesCard, PersonCard, StatusBadge } from './CaseDetails';
import { CloseCaseForm, ReopenCaseForm, WithdrawConsentForm } from './ClosureForms';
import { FollowUpForm } from './FollowUpForm';
import { HistoryTimeline } from './HistoryTimeline';
import { AcceptCaseForm, ResubmitCaseForm, ReturnCaseForm } from './IntakeForms';
import { EndInsatsForm, StartInsatsForm } from './InsatsForms';
import { InsatsList } from './InsatsList';
import { EndPartyForm, HandOverForm } from './OwnershipForms';
import { Progression } from './Progression';
import { BookSipForm, CancelSipForm, RequestSipForm, SipHeldForm } from './SipForms';
import { SipList, type SipAction } from './SipList';

type OpenAction =
  { kind: CaseAction } | { kind: SipAction; sip: SipView } | { kind: 'endInsats'; insats: InsatsView };

const ACTION_LABELS: Record<CaseAction, string> = {
  accept: sv.cases.accept,
  return: sv.cases.returnCase,
  resubmit: sv.cases.resubmit,
  requestSip: sv.cases.requestSip,
  startInsats: sv.cases.startInsats,
  followUp: sv.cases.recordFollowUp,
  handOver: sv.cases.handOver,
  endParty: sv.cases.endParty,
  close: sv.cases.closeCase,
  reopen: sv.cases.reopen,
  withdrawConsent: sv.cases.withdrawConsent,
};
const DANGER: CaseAction[] = ['withdrawConsent'];

export function useCatalogue(enabled: boolean) {
  return useQuery({
    queryKey: ['catalogue'],
    queryFn: () => unwrap(api.GET('/api/v1/admin/insatser', { params: { query: { limit: 500 } } })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** One case: the person, the case, consent, deadlines, SIPs, insatser, follow-ups and history. */
export function CasePage() {
  const { caseId = '' } = useParams();
  const session = useSession();
  const principal = session.principal;
  const [open, setOpen] = useState<OpenAction>();
  const view = useQuery({
    queryKey: ['case', caseId],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } })),
    // Opening a case always reads it again (the cached one shows meanwhile): others write to it too.
    staleTime: 0,
  });
  const history = useQuery({
    queryKey: ['case', caseId, 'history'],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}/history', { params: { path: { id: caseId } } })),
    staleTime: 0,
  });
  const catalogue = useCatalogue(hasRole(principal, 'processledare', 'handlaggare', 'admin'));
  const catalogueItems: CatalogueInsats[] = catalogue.data?.items ?? [];
  const nameOf = (code: string) => catalogueItems.find((i) => i.code === code)?.name ?? code;

  if (view.isPending) return <Loading />;
  if (view.isError)
    return (
      <Stack>
        <BackLink />
        <ErrorState error={view.error} onRetry={() => void view.refetch()} />
      </Stack>
    );
  const c = view.data;
  const actions = allowedActions(c, principal);
  const close = () => setOpen(undefined);
  return (
    <Stack gap="md">
      <BackLink />
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={1}>{sv.cases.caseTitle(caseRef(c.id))}</Title>
          <StatusBadge status={c.status} />
        </Group>
        <Text size="sm" c="gray.8">
          {sv.cases.version(c.version)}
        </Text>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <PersonCard view={c} />
            <CaseSummary view={c} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <ActionsCard actions={actions} onOpen={(kind) => setOpen({ kind })} />
            <DeadlinesCard view={c} />
            <ConsentCard view={c} />
          </Stack>
        </Grid.Col>
      </Grid>
      <SipList
        sips={c.sips}
        mayAct={mayActOnSip(c, principal)}
        onAction={(kind, sip) => setOpen({ kind, sip })}
      />
      <InsatsList
        insatser={c.insatser}
        nameOf={nameOf}
        mayEnd={mayEndInsats(c, principal)}
        onEnd={(insats) => setOpen({ kind: 'endInsats', insats })}
      />
      <Progression view={c} events={history.data?.events} />
      <HistoryTimeline history={history} nameOf={nameOf} />
      {open && (
        <ActionDialog
          open={open}
          view={c}
          onClose={close}
          catalogue={catalogueItems}
          nameOf={nameOf}
          party={principal.party}
          endable={partiesToEnd(c, principal)}
        />
      )}
    </Stack>
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/arenden" size="sm">
      ← {sv.cases.back}
    </Anchor>
  );
}

function ActionsCard({ actions, onOpen }: { actions: Set<CaseAction>; onOpen: (a: CaseAction) => void }) {
  return (
    <Card withBorder component="section" aria-labelledby="case-actions">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-actions">
          {sv.cases.actionsTitle}
        </Title>
        {actions.size === 0 ? (
          <Text size="sm">{sv.cases.noActions}</Text>
        ) : (
          <Group gap="xs">
            {(Object.keys(ACTION_LABELS) as CaseAction[])
              .filter((a) => actions.has(a))
              .map((a) => (
                <Button
                  key={a}
                  size="sm"
                  variant={DANGER.includes(a) ? 'outline' : 'default'}
                  color={DANGER.includes(a) ? 'red.9' : undefined}
                  onClick={() => onOpen(a)}
                >
                  {ACTION_LABELS[a]}
                </Button>
              ))}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** The open action's form; mounted only while open, so each opening starts afresh. */
function ActionDialog({
  open,
  view,
  onClose,
  catalogue,
  nameOf,
  party,
  endable,
}: {
  open: OpenAction;
  view: CaseView;
  onClose: () => void;
  catalogue: CatalogueInsats[];
  nameOf: (code: string) => string;
  party: string | undefined;
  endable: ReturnType<typeof partiesToEnd>;
}) {
  const props = { view, opened: true, onClose };
  switch (open.kind) {
    case 'accept':
      return <AcceptCaseForm {...props} />;
    case 'return':
      return <ReturnCaseForm {...props} />;
    case 'resubmit':
      return <ResubmitCaseForm {...props} />;
    case 'requestSip':
      return <RequestSipForm {...props} party={party} />;
    case 'startInsats':
      return <StartInsatsForm {...props} catalogue={catalogue} />;
    case 'followUp':
      return <FollowUpForm {...props} />;
    case 'handOver':
      return <HandOverForm {...props} />;
    case 'endParty':
      return <EndPartyForm {...props} parties={endable} />;
    case 'close':
      return <CloseCaseForm {...props} />;
    case 'reopen':
      return <ReopenCaseForm {...props} />;
    case 'withdrawConsent':
      return <WithdrawConsentForm {...props} />;
    case 'bookSip':
      return <BookSipForm {...props} sip={open.sip} />;
    case 'sipHeld':
      return <SipHeldForm {...props} sip={open.sip} />;
    case 'cancelSip':
      return <CancelSipForm {...props} sip={open.sip} />;
    case 'endInsats':
      return <EndInsatsForm {...props} insats={open.insats} insatsName={nameOf(open.insats.insatsCode)} />;
    default: {
      const never: never = open;
      return never;
    }
  }
}
