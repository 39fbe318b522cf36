import { NativeSelect, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type BodyOf } from '../api/client';
import { todayIso } from '../i18n/format';
import { sv } from '../i18n/sv';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './case-types';
import { codeOptions, collect, optionalText, pastDate, type Party } from './form-checks';
import { useActionForm } from './use-action-form';

type HandOverBody = BodyOf<'/api/v1/cases/{id}/owner', 'post'>;

/** The case changes hands: an explicit, recorded handover (R11). */
export function HandOverForm({ view, opened, onClose }: ActionProps) {
  const [toParty, setToParty] = useState<string>(view.owner?.party ?? '');
  const [toUser, setToUser] = useState('');
  const [reason, setReason] = useState('');
  const [handedOverOn, setHandedOverOn] = useState(todayIso());
  const form = useActionForm(view, (body: HandOverBody, header) =>
    unwrap(api.POST('/api/v1/cases/{id}/owner', { params: { path: { id: view.id }, header }, body })),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.handOver}
      submitLabel={sv.cases.handOver}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['toParty', 'toUser', 'reason', 'handedOverOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({ toParty: toParty ? undefined : sv.cases.required, handedOverOn: pastDate(handedOverOn) }),
          {
            toParty: toParty as Party,
            toUser: optionalText(toUser),
            reason: optionalText(reason),
            handedOverOn,
          },
          onClose,
        )
      }
    >
      <NativeSelect
        label={sv.cases.toParty}
        data={codeOptions(sv.codes.party, view.consent.scopeParties, sv.cases.chooseOption)}
        value={toParty}
        onChange={(e) => setToParty(e.currentTarget.value)}
        error={form.fieldError('toParty')}
        required
      />
      <TextInput
        label={sv.cases.toUser}
        value={toUser}
        onChange={(e) => setToUser(e.currentTarget.value)}
        error={form.fieldError('toUser')}
      />
      <Textarea
        label={sv.cases.handOverReason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={form.fieldError('reason')}
        autosize
        minRows={2}
      />
      <TextInput
        type="date"
        label={sv.cases.handedOverOn}
        value={handedOverOn}
        max={todayIso()}
        onChange={(e) => setHandedOverOn(e.currentTarget.value)}
        error={form.fieldError('handedOverOn')}
        required
      />
    </ActionModal>
  );
}

/** A party ends its own involvement while the others go on (R12). */
export function EndPartyForm({ view, opened, onClose, parties }: ActionProps & { parties: Party[] }) {
  const [party, setParty] = useState<string>(parties.length === 1 ? parties[0] : '');
  const [endedOn, setEndedOn] = useState(todayIso());
  const form = useActionForm(view, (body: { party: Party; endedOn?: string }, header) =>
    unwrap(
      api.POST('/api/v1/cases/{id}/parties/{party}/end', {
        params: { path: { id: view.id, party: body.party }, header },
        body: { endedOn: body.endedOn },
      }),
    ),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.endParty}
      submitLabel={sv.cases.endParty}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['party', 'endedOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({ party: party ? undefined : sv.cases.required, endedOn: pastDate(endedOn) }),
          { party: party as Party, endedOn },
          onClose,
        )
      }
    >
      <NativeSelect
        label={sv.cases.endPartyField}
        data={codeOptions(sv.codes.party, parties, sv.cases.chooseOption)}
        value={party}
        onChange={(e) => setParty(e.currentTarget.value)}
        error={form.fieldError('party')}
        required
      />
      <TextInput
        type="date"
        label={sv.cases.endPartyOn}
        value={endedOn}
        max={todayIso()}
        onChange={(e) => setEndedOn(e.currentTarget.value)}
        error={form.fieldError('endedOn')}
        required
      />
    </ActionModal>
  );
}
