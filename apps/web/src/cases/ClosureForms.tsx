import { Alert, Checkbox, Group, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type BodyOf } from '../api/client';
import { todayIso } from '../i18n/format';
import { sv } from '../i18n/sv';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './case-types';
import { collect, intIn, optionalInt, pastDate, requiredText, type Outcome } from './form-checks';
import { OutcomeFields, outcomeBody, outcomeChecks } from './InsatsForms';
import { useActionForm } from './use-action-form';

type CloseBody = BodyOf<'/api/v1/cases/{id}/close', 'post'>;

/** The case closes with one outcome, the slutdokumentation confirmed and the survey noted (R12). */
export function CloseCaseForm({ view, opened, onClose }: ActionProps) {
  const [closedOn, setClosedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState('');
  const [subtype, setSubtype] = useState('');
  const [extent, setExtent] = useState('');
  const [otherReason, setOtherReason] = useState('');
  const [slutdokumentation, setSlutdokumentation] = useState(false);
  const [offered, setOffered] = useState(false);
  const [answered, setAnswered] = useState(false);
  const [step, setStep] = useState('');
  const [vas, setVas] = useState('');
  const form = useActionForm(view, (body: CloseBody, header) =>
    unwrap(api.POST('/api/v1/cases/{id}/close', { params: { path: { id: view.id }, header }, body })),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.closeCase}
      submitLabel={sv.cases.closeCase}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={[
        'closedOn',
        'outcome',
        'subtype',
        'extentPercent',
        'otherReason',
        'slutdokumentation',
        'survey',
        'step',
        'vas',
      ]}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({
            closedOn: pastDate(closedOn),
            outcome: outcome ? undefined : sv.cases.required,
            ...outcomeChecks(outcome, subtype, extent, otherReason),
            slutdokumentation: slutdokumentation ? undefined : sv.cases.slutdokumentationRequired,
            step: intIn(step, 1, 6),
            vas: intIn(vas, 0, 100),
          }),
          {
            closedOn,
            outcome: outcome as Outcome,
            ...outcomeBody(outcome, subtype, extent, otherReason),
            slutdokumentation,
            survey: { offered, answered: offered && answered },
            step: optionalInt(step),
            vas: optionalInt(vas),
          },
          onClose,
        )
      }
    >
      <TextInput
        type="date"
        label={sv.cases.closedOn}
        value={closedOn}
        max={todayIso()}
        onChange={(e) => setClosedOn(e.currentTarget.value)}
        error={form.fieldError('closedOn')}
        required
      />
      <OutcomeFields
        outcomeLabel={sv.cases.outcomeField}
        outcomeField="outcome"
        outcome={outcome}
        setOutcome={setOutcome}
        subtype={subtype}
        setSubtype={setSubtype}
        extent={extent}
        setExtent={setExtent}
        otherReason={otherReason}
        setOtherReason={setOtherReason}
        fieldError={form.fieldError}
      />
      <Group grow align="flex-start">
        <TextInput
          type="number"
          min={1}
          max={6}
          label={sv.cases.stepAtClose}
          value={step}
          onChange={(e) => setStep(e.currentTarget.value)}
          error={form.fieldError('step')}
        />
        <TextInput
          type="number"
          min={0}
          max={100}
          label={sv.cases.vasAtClose}
          value={vas}
          onChange={(e) => setVas(e.currentTarget.value)}
          error={form.fieldError('vas')}
        />
      </Group>
      <Checkbox
        label={sv.cases.slutdokumentation}
        checked={slutdokumentation}
        onChange={(e) => setSlutdokumentation(e.currentTarget.checked)}
        error={form.fieldError('slutdokumentation')}
      />
      <Checkbox
        label={sv.cases.surveyOffered}
        checked={offered}
        onChange={(e) => setOffered(e.currentTarget.checked)}
        error={form.fieldError('survey')}
      />
      <Checkbox
        label={sv.cases.surveyAnswered}
        checked={offered && answered}
        disabled={!offered}
        onChange={(e) => setAnswered(e.currentTarget.checked)}
      />
    </ActionModal>
  );
}

/** A closed case is reopened with a reason; its history continues (R13). */
export function ReopenCaseForm({ view, opened, onClose }: ActionProps) {
  const [reason, setReason] = useState('');
  const [reopenedOn, setReopenedOn] = useState(todayIso());
  const form = useActionForm(view, (body: { reason: string; reopenedOn?: string }, header) =>
    unwrap(api.POST('/api/v1/cases/{id}/reopen', { params: { path: { id: view.id }, header }, body })),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.reopen}
      submitLabel={sv.cases.reopen}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['reason', 'reopenedOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({ reason: requiredText(reason), reopenedOn: pastDate(reopenedOn) }),
          { reason: reason.trim(), reopenedOn },
          onClose,
        )
      }
    >
      <Textarea
        label={sv.cases.reopenReason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={form.fieldError('reason')}
        autosize
        minRows={3}
        required
      />
      <TextInput
        type="date"
        label={sv.cases.reopenedOn}
        value={reopenedOn}
        max={todayIso()}
        onChange={(e) => setReopenedOn(e.currentTarget.value)}
        error={form.fieldError('reopenedOn')}
        required
      />
    </ActionModal>
  );
}

/** The person withdraws consent: processing stops and the case closes (R15). */
export function WithdrawConsentForm({ view, opened, onClose }: ActionProps) {
  const [withdrawnOn, setWithdrawnOn] = useState(todayIso());
  const form = useActionForm(view, (body: { withdrawnOn: string }, header) =>
    unwrap(
      api.POST('/api/v1/cases/{id}/consent/withdraw', { params: { path: { id: view.id }, header }, body }),
    ),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.withdrawConsent}
      submitLabel={sv.cases.withdrawConsent}
      danger
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['withdrawnOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() => form.submit(collect({ withdrawnOn: pastDate(withdrawnOn) }), { withdrawnOn }, onClose)}
    >
      <Alert color="yellow" role="note">
        <Text>{sv.cases.withdrawWarning}</Text>
      </Alert>
      <TextInput
        type="date"
        label={sv.cases.withdrawnOn}
        value={withdrawnOn}
        max={todayIso()}
        onChange={(e) => setWithdrawnOn(e.currentTarget.value)}
        error={form.fieldError('withdrawnOn')}
        required
      />
    </ActionModal>
  );
}
