import { Group, NativeSelect, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type BodyOf } from '../api/client';
import { todayIso } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { ActionModal } from './ActionModal';
import type { ActionProps, CatalogueInsats, InsatsView } from './case-types';
import {
  codeOptions,
  collect,
  intIn,
  optionalInt,
  optionalText,
  OUTCOMES,
  pastDate,
  requiredText,
  WORK_SUBTYPES,
  type Outcome,
  type WorkSubtype,
} from './form-checks';
import { useActionForm } from './use-action-form';

type StartInsatsBody = BodyOf<'/api/v1/cases/{id}/insatser', 'post'>;
type EndInsatsBody = BodyOf<'/api/v1/cases/{id}/insatser/{insatsId}/end', 'post'>;

/** An insats from the tenant's catalogue starts (R9); its party must be within the consent. */
export function StartInsatsForm({
  view,
  opened,
  onClose,
  catalogue,
}: ActionProps & { catalogue: CatalogueInsats[] }) {
  const offered = catalogue.filter((i) => i.active && view.consent.scopeParties.includes(i.party as never));
  const [insatsCode, setInsatsCode] = useState('');
  const [startedOn, setStartedOn] = useState(todayIso());
  const [step, setStep] = useState('');
  const [vas, setVas] = useState('');
  const form = useActionForm(view, (body: StartInsatsBody, header) =>
    unwrap(api.POST('/api/v1/cases/{id}/insatser', { params: { path: { id: view.id }, header }, body })),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.startInsats}
      submitLabel={sv.cases.startInsats}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['insatsCode', 'startedOn', 'step', 'vas']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({
            insatsCode: insatsCode ? undefined : sv.cases.required,
            startedOn: pastDate(startedOn),
            step: intIn(step, 1, 6),
            vas: intIn(vas, 0, 100),
          }),
          { insatsCode, startedOn, step: optionalInt(step), vas: optionalInt(vas) },
          onClose,
        )
      }
    >
      {offered.length === 0 && <Text>{sv.cases.noCatalogue}</Text>}
      <NativeSelect
        label={sv.cases.insatsField}
        data={[
          { value: '', label: sv.cases.chooseOption },
          ...offered.map((i) => ({ value: i.code, label: `${i.name} (${label(sv.codes.party, i.party)})` })),
        ]}
        value={insatsCode}
        onChange={(e) => setInsatsCode(e.currentTarget.value)}
        error={form.fieldError('insatsCode')}
        required
      />
      <TextInput
        type="date"
        label={sv.cases.startedOnField}
        value={startedOn}
        max={todayIso()}
        onChange={(e) => setStartedOn(e.currentTarget.value)}
        error={form.fieldError('startedOn')}
        required
      />
      <Group grow align="flex-start">
        <TextInput
          type="number"
          min={1}
          max={6}
          label={sv.cases.stepAtStart}
          value={step}
          onChange={(e) => setStep(e.currentTarget.value)}
          error={form.fieldError('step')}
        />
        <TextInput
          type="number"
          min={0}
          max={100}
          label={sv.cases.vasAtStart}
          value={vas}
          onChange={(e) => setVas(e.currentTarget.value)}
          error={form.fieldError('vas')}
        />
      </Group>
    </ActionModal>
  );
}

/**
 * The outcome fields shared by ending an insats and closing the case: the code, the work subtype
 * (required for ARBETE), the extent and, for ANNAT, a reason in words.
 */
export function OutcomeFields({
  outcomeLabel,
  outcome,
  setOutcome,
  subtype,
  setSubtype,
  extent,
  setExtent,
  otherReason,
  setOtherReason,
  fieldError,
  outcomeField,
}: {
  outcomeLabel: string;
  outcome: string;
  setOutcome: (v: string) => void;
  subtype: string;
  setSubtype: (v: string) => void;
  extent: string;
  setExtent: (v: string) => void;
  otherReason: string;
  setOtherReason: (v: string) => void;
  fieldError: (f: string) => string | undefined;
  outcomeField: string;
}) {
  return (
    <>
      <NativeSelect
        label={outcomeLabel}
        data={codeOptions(sv.codes.outcome, OUTCOMES, sv.cases.chooseOption)}
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value)}
        error={fieldError(outcomeField)}
        required
      />
      {outcome === 'ARBETE' && (
        <NativeSelect
          label={sv.cases.subtypeField}
          data={codeOptions(sv.codes.workSubtype, WORK_SUBTYPES, sv.cases.chooseOption)}
          value={subtype}
          onChange={(e) => setSubtype(e.currentTarget.value)}
          error={fieldError('subtype')}
          required
        />
      )}
      {outcome === 'ANNAT' && (
        <Textarea
          label={sv.cases.otherReasonField}
          value={otherReason}
          onChange={(e) => setOtherReason(e.currentTarget.value)}
          error={fieldError('otherReason')}
          autosize
          required
        />
      )}
      <TextInput
        type="number"
        min={1}
        max={100}
        label={sv.cases.extentField}
        value={extent}
        onChange={(e) => setExtent(e.currentTarget.value)}
        error={fieldError('extentPercent')}
      />
    </>
  );
}

export function outcomeChecks(outcome: string, subtype: string, extent: string, otherReason: string) {
  return {
    subtype: outcome === 'ARBETE' && !subtype ? sv.cases.required : undefined,
    otherReason: outcome === 'ANNAT' ? requiredText(otherReason) : undefined,
    extentPercent: intIn(extent, 1, 100),
  };
}

export function outcomeBody(outcome: string, subtype: string, extent: string, otherReason: string) {
  return {
    subtype: outcome === 'ARBETE' ? (subtype as WorkSubtype) : undefined,
    extentPercent: optionalInt(extent),
    otherReason: outcome === 'ANNAT' ? optionalText(otherReason) : undefined,
  };
}

/** An insats ends with an outcome code as its reason (R9). */
export function EndInsatsForm({
  view,
  insats,
  insatsName,
  opened,
  onClose,
}: ActionProps & { insats: InsatsView; insatsName: string }) {
  const [endedOn, setEndedOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [subtype, setSubtype] = useState('');
  const [extent, setExtent] = useState('');
  const [otherReason, setOtherReason] = useState('');
  const form = useActionForm(view, (body: EndInsatsBody, header) =>
    unwrap(
      api.POST('/api/v1/cases/{id}/insatser/{insatsId}/end', {
        params: { path: { id: view.id, insatsId: insats.insatsId }, header },
        body,
      }),
    ),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.endInsatsFor(insatsName)}
      submitLabel={sv.cases.endInsats}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['endedOn', 'reason', 'subtype', 'extentPercent', 'otherReason']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({
            endedOn: pastDate(endedOn),
            reason: reason ? undefined : sv.cases.required,
            ...outcomeChecks(reason, subtype, extent, otherReason),
          }),
          { endedOn, reason: reason as Outcome, ...outcomeBody(reason, subtype, extent, otherReason) },
          onClose,
        )
      }
    >
      <TextInput
        type="date"
        label={sv.cases.endedOnField}
        value={endedOn}
        max={todayIso()}
        onChange={(e) => setEndedOn(e.currentTarget.value)}
        error={form.fieldError('endedOn')}
        required
      />
      <OutcomeFields
        outcomeLabel={sv.cases.reasonField}
        outcomeField="reason"
        outcome={reason}
        setOutcome={setReason}
        subtype={subtype}
        setSubtype={setSubtype}
        extent={extent}
        setExtent={setExtent}
        otherReason={otherReason}
        setOtherReason={setOtherReason}
        fieldError={form.fieldError}
      />
    </ActionModal>
  );
}
