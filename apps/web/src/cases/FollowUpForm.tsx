import { Group, NativeSelect, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type BodyOf } from '../api/client';
import { todayIso } from '../i18n/format';
import { sv } from '../i18n/sv';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './case-types';
import {
  codeOptions,
  collect,
  INCOME_SOURCES,
  intIn,
  optionalInt,
  optionalText,
  pastDate,
  type IncomeSource,
} from './form-checks';
import { useActionForm } from './use-action-form';

type FollowUpBody = BodyOf<'/api/v1/cases/{id}/follow-ups', 'post'>;
const MONTHS = ['3', '6', '9', '12', 'POST_CLOSURE'] as const;

/** The months still to record: after closure only the one a year later (R14). */
function monthsOpen(view: ActionProps['view']): string[] {
  const done = new Set(view.followUps.map((f) => String(f.month)));
  const candidates: readonly string[] = view.status === 'CLOSED' ? ['POST_CLOSURE'] : MONTHS.slice(0, 4);
  return candidates.filter((m) => !done.has(m));
}

/** A follow-up at 3, 6, 9 or 12 months (R10), or a year after closure (R14), with the progression. */
export function FollowUpForm({ view, opened, onClose }: ActionProps) {
  const open = monthsOpen(view);
  const [month, setMonth] = useState(open[0] ?? '');
  const [recordedOn, setRecordedOn] = useState(todayIso());
  const [incomeSource, setIncomeSource] = useState<IncomeSource>(view.currentIncomeSource);
  const [step, setStep] = useState('');
  const [vas, setVas] = useState('');
  const [notes, setNotes] = useState('');
  const form = useActionForm(view, (body: FollowUpBody, header) =>
    unwrap(api.POST('/api/v1/cases/{id}/follow-ups', { params: { path: { id: view.id }, header }, body })),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.recordFollowUp}
      submitLabel={sv.cases.recordFollowUp}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['month', 'recordedOn', 'incomeSource', 'step', 'vas', 'notes']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({
            month: month ? undefined : sv.cases.required,
            recordedOn: pastDate(recordedOn),
            step: intIn(step, 1, 6, false),
            vas: intIn(vas, 0, 100),
          }),
          {
            month: month === 'POST_CLOSURE' ? 'POST_CLOSURE' : (Number(month) as 3 | 6 | 9 | 12),
            recordedOn,
            incomeSource,
            step: Number(step),
            vas: optionalInt(vas),
            notes: optionalText(notes),
          },
          onClose,
        )
      }
    >
      <NativeSelect
        label={sv.cases.monthField}
        data={codeOptions(sv.codes.followUpMonth, open, sv.cases.chooseOption)}
        value={month}
        onChange={(e) => setMonth(e.currentTarget.value)}
        error={form.fieldError('month')}
        required
      />
      <TextInput
        type="date"
        label={sv.cases.recordedOnField}
        value={recordedOn}
        max={todayIso()}
        onChange={(e) => setRecordedOn(e.currentTarget.value)}
        error={form.fieldError('recordedOn')}
        required
      />
      <NativeSelect
        label={sv.cases.incomeSourceField}
        data={codeOptions(sv.codes.incomeSource, INCOME_SOURCES)}
        value={incomeSource}
        onChange={(e) => setIncomeSource(e.currentTarget.value as IncomeSource)}
        error={form.fieldError('incomeSource')}
        required
      />
      <Group grow align="flex-start">
        <TextInput
          type="number"
          min={1}
          max={6}
          label={sv.cases.stepField}
          value={step}
          onChange={(e) => setStep(e.currentTarget.value)}
          error={form.fieldError('step')}
          required
        />
        <TextInput
          type="number"
          min={0}
          max={100}
          label={sv.cases.vasField}
          value={vas}
          onChange={(e) => setVas(e.currentTarget.value)}
          error={form.fieldError('vas')}
        />
      </Group>
      <Textarea
        label={sv.cases.notesField}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={form.fieldError('notes')}
        autosize
        minRows={3}
      />
    </ActionModal>
  );
}
