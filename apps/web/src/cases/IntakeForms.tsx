import { Checkbox, Fieldset, Group, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { todayIso } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './case-types';
import { collect, optionalText, PARTIES, pastDate, requiredText, type Party } from './form-checks';
import { useActionForm } from './use-action-form';

/** The processledare accepts a submitted case at intake (R5). */
export function AcceptCaseForm({ view, opened, onClose }: ActionProps) {
  const [acceptedOn, setAcceptedOn] = useState(todayIso());
  const form = useActionForm(view, (body: { acceptedOn?: string }, header) =>
    unwrap(api.POST('/api/v1/cases/{id}/accept', { params: { path: { id: view.id }, header }, body })),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.accept}
      submitLabel={sv.cases.accept}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['acceptedOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() => form.submit(collect({ acceptedOn: pastDate(acceptedOn) }), { acceptedOn }, onClose)}
    >
      <TextInput
        type="date"
        label={sv.cases.acceptedOnField}
        value={acceptedOn}
        max={todayIso()}
        onChange={(e) => setAcceptedOn(e.currentTarget.value)}
        error={form.fieldError('acceptedOn')}
        required
      />
    </ActionModal>
  );
}

/** The processledare returns a submitted case to its initiator for completion, with a reason (R5). */
export function ReturnCaseForm({ view, opened, onClose }: ActionProps) {
  const [reason, setReason] = useState('');
  const [returnedOn, setReturnedOn] = useState(todayIso());
  const form = useActionForm(view, (body: { reason: string; returnedOn?: string }, header) =>
    unwrap(api.POST('/api/v1/cases/{id}/return', { params: { path: { id: view.id }, header }, body })),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.returnCase}
      submitLabel={sv.cases.returnCase}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['reason', 'returnedOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({ reason: requiredText(reason), returnedOn: pastDate(returnedOn) }),
          { reason: reason.trim(), returnedOn },
          onClose,
        )
      }
    >
      <Textarea
        label={sv.cases.returnReason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={form.fieldError('reason')}
        autosize
        minRows={3}
        required
      />
      <TextInput
        type="date"
        label={sv.cases.returnedOn}
        value={returnedOn}
        max={todayIso()}
        onChange={(e) => setReturnedOn(e.currentTarget.value)}
        error={form.fieldError('returnedOn')}
        required
      />
    </ActionModal>
  );
}

/** The initiating party completes a returned case and sends it in again (R5). */
export function ResubmitCaseForm({ view, opened, onClose }: ActionProps) {
  const [question, setQuestion] = useState('');
  const [needs, setNeeds] = useState('');
  const [otherParties, setOtherParties] = useState<Party[]>(view.otherParties);
  const [resubmittedOn, setResubmittedOn] = useState(todayIso());
  const form = useActionForm(
    view,
    (body: { question?: string; needs?: string; otherParties?: Party[]; resubmittedOn?: string }, header) =>
      unwrap(api.POST('/api/v1/cases/{id}/resubmit', { params: { path: { id: view.id }, header }, body })),
  );
  const candidates = PARTIES.filter((p) => p !== view.initiatingParty);
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.resubmit}
      submitLabel={sv.cases.resubmit}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['question', 'needs', 'otherParties', 'resubmittedOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({
            otherParties: otherParties.length === 0 ? sv.cases.chooseAtLeastOne : undefined,
            resubmittedOn: pastDate(resubmittedOn),
          }),
          { question: optionalText(question), needs: optionalText(needs), otherParties, resubmittedOn },
          onClose,
        )
      }
    >
      <Textarea
        label={sv.cases.resubmitQuestion}
        value={question}
        onChange={(e) => setQuestion(e.currentTarget.value)}
        error={form.fieldError('question')}
        autosize
        minRows={3}
      />
      <Textarea
        label={sv.cases.resubmitNeeds}
        value={needs}
        onChange={(e) => setNeeds(e.currentTarget.value)}
        error={form.fieldError('needs')}
        autosize
        minRows={3}
      />
      <PartyCheckboxes
        legend={sv.cases.otherPartiesField}
        parties={candidates}
        value={otherParties}
        onChange={setOtherParties}
        error={form.fieldError('otherParties')}
      />
      <TextInput
        type="date"
        label={sv.cases.resubmittedOn}
        value={resubmittedOn}
        max={todayIso()}
        onChange={(e) => setResubmittedOn(e.currentTarget.value)}
        error={form.fieldError('resubmittedOn')}
        required
      />
    </ActionModal>
  );
}

/** A set of parties to tick, in a fieldset with its legend (WCAG: grouped controls are named). */
export function PartyCheckboxes({
  legend,
  parties,
  value,
  onChange,
  error,
  description,
}: {
  legend: string;
  parties: readonly Party[];
  value: Party[];
  onChange: (v: Party[]) => void;
  error?: string;
  description?: string;
}) {
  return (
    <Fieldset
      legend={
        <Text span fw={600} size="sm">
          {legend}
        </Text>
      }
      variant="unstyled"
    >
      {description && (
        <Text size="sm" mb="xs">
          {description}
        </Text>
      )}
      <Checkbox.Group value={value} onChange={(v) => onChange(v as Party[])} error={error}>
        <Group gap="md" mt={4}>
          {parties.map((p) => (
            <Checkbox key={p} value={p} label={label(sv.codes.party, p)} />
          ))}
        </Group>
      </Checkbox.Group>
    </Fieldset>
  );
}
