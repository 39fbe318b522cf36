import { Button, Checkbox, Fieldset, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type BodyOf } from '../api/client';
import { formatShortDate, todayIso } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { ActionModal } from './ActionModal';
import type { ActionProps, SipView } from './case-types';
import { codeOptions, collect, optionalText, pastDate, requiredText, type Party } from './form-checks';
import { PartyCheckboxes } from './IntakeForms';
import { useActionForm } from './use-action-form';

type RequestSipBody = BodyOf<'/api/v1/cases/{id}/sips', 'post'>;
type BookSipBody = BodyOf<'/api/v1/cases/{id}/sips/{sipId}/booking', 'post'>;
type SipHeldBody = BodyOf<'/api/v1/cases/{id}/sips/{sipId}/held', 'post'>;
type CancelSipBody = BodyOf<'/api/v1/cases/{id}/sips/{sipId}/cancel', 'post'>;

const INITIATOR_ROLES = Object.keys(sv.codes.sipInitiatorRole) as RequestSipBody['initiatorRole'][];

/** The role a kommun or region caseworker most likely has when asking for a SIP. */
function likelyRole(party: string | undefined): RequestSipBody['initiatorRole'] {
  if (party === 'REGION') return 'VARDEN';
  if (party === 'KOMMUN') return 'SOCIALSEKRETERARE';
  return 'PROCESSLEDARE';
}

/** A SIP is asked for (R8): who initiates it, first or follow-up, and whether a förmöte was held. */
export function RequestSipForm({ view, opened, onClose, party }: ActionProps & { party?: string }) {
  const [initiatorRole, setInitiatorRole] = useState<RequestSipBody['initiatorRole']>(likelyRole(party));
  const [kind, setKind] = useState<RequestSipBody['kind']>(view.sips.length > 0 ? 'UPPFOLJNING' : 'FORSTA');
  const [formote, setFormote] = useState(false);
  const [requestedOn, setRequestedOn] = useState(todayIso());
  const form = useActionForm(view, (body: RequestSipBody, header) =>
    unwrap(api.POST('/api/v1/cases/{id}/sips', { params: { path: { id: view.id }, header }, body })),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.requestSip}
      submitLabel={sv.cases.requestSip}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['initiatorRole', 'kind', 'formote', 'requestedOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({ requestedOn: pastDate(requestedOn) }),
          { initiatorRole, kind, formote, requestedOn },
          onClose,
        )
      }
    >
      <NativeSelect
        label={sv.cases.sipRole}
        data={codeOptions(sv.codes.sipInitiatorRole, INITIATOR_ROLES)}
        value={initiatorRole}
        onChange={(e) => setInitiatorRole(e.currentTarget.value as RequestSipBody['initiatorRole'])}
        error={form.fieldError('initiatorRole')}
        required
      />
      <NativeSelect
        label={sv.cases.sipKindField}
        data={codeOptions(sv.codes.sipKind)}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as RequestSipBody['kind'])}
        error={form.fieldError('kind')}
        required
      />
      <Checkbox
        label={sv.cases.sipFormoteField}
        checked={formote}
        onChange={(e) => setFormote(e.currentTarget.checked)}
        error={form.fieldError('formote')}
      />
      <TextInput
        type="date"
        label={sv.cases.requestedOn}
        value={requestedOn}
        max={todayIso()}
        onChange={(e) => setRequestedOn(e.currentTarget.value)}
        error={form.fieldError('requestedOn')}
        required
      />
    </ActionModal>
  );
}

function sipName(sip: SipView): string {
  return `${label(sv.codes.sipKind, sip.kind)} (${formatShortDate(sip.requestedOn)})`;
}

/** Booking (or rebooking) a SIP: its date, the invited parties, who leads and who documents. */
export function BookSipForm({ view, sip, opened, onClose }: ActionProps & { sip: SipView }) {
  const scope = view.consent.scopeParties;
  const [date, setDate] = useState(sip.booking?.date ?? '');
  const [parties, setParties] = useState<Party[]>(
    sip.booking?.parties ?? scope.filter((p) => p === 'KOMMUN' || p === 'REGION'),
  );
  const [leader, setLeader] = useState<string>(sip.booking?.leader ?? '');
  const [documenter, setDocumenter] = useState<string>(sip.booking?.documenter ?? '');
  const [externalRef, setExternalRef] = useState(sip.booking?.externalRef ?? '');
  const [bookedOn, setBookedOn] = useState(todayIso());
  const form = useActionForm(view, (body: BookSipBody, header) =>
    unwrap(
      api.POST('/api/v1/cases/{id}/sips/{sipId}/booking', {
        params: { path: { id: view.id, sipId: sip.sipId }, header },
        body,
      }),
    ),
  );
  const partyOptions = codeOptions(sv.codes.party, parties, sv.cases.chooseOption);
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={sv.cases.bookSipFor(sipName(sip))}
      submitLabel={sv.cases.bookSip}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['date', 'parties', 'leader', 'documenter', 'externalRef', 'bookedOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({
            date: date ? undefined : sv.cases.required,
            parties: parties.length === 0 ? sv.cases.chooseAtLeastOne : undefined,
            leader: !leader
              ? sv.cases.required
              : !parties.includes(leader as Party)
                ? sv.cases.leaderInvited
                : undefined,
            documenter: !documenter
              ? sv.cases.required
              : !parties.includes(documenter as Party)
                ? sv.cases.documenterInvited
                : undefined,
            bookedOn: pastDate(bookedOn),
          }),
          {
            date,
            parties,
            leader: leader as Party,
            documenter: documenter as Party,
            externalRef: optionalText(externalRef),
            bookedOn,
          },
          onClose,
        )
      }
    >
      <TextInput
        type="date"
        label={sv.cases.sipDate}
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        error={form.fieldError('date')}
        required
      />
      <PartyCheckboxes
        legend={sv.cases.sipParties}
        parties={scope}
        value={parties}
        onChange={setParties}
        error={form.fieldError('parties')}
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={sv.cases.sipLeaderField}
          data={partyOptions}
          value={leader}
          onChange={(e) => setLeader(e.currentTarget.value)}
          error={form.fieldError('leader')}
          required
        />
        <NativeSelect
          label={sv.cases.sipDocumenterField}
          data={partyOptions}
          value={documenter}
          onChange={(e) => setDocumenter(e.currentTarget.value)}
          error={form.fieldError('documenter')}
          required
        />
      </Group>
      <TextInput
        label={sv.cases.sipExternalRefField}
        value={externalRef}
        onChange={(e) => setExternalRef(e.currentTarget.value)}
        error={form.fieldError('externalRef')}
      />
      <TextInput
        type="date"
        label={sv.cases.bookedOn}
        value={bookedOn}
        max={todayIso()}
        onChange={(e) => setBookedOn(e.currentTarget.value)}
        error={form.fieldError('bookedOn')}
        required
      />
    </ActionModal>
  );
}

interface PlanRow {
  key: number;
  goal: string;
  action: string;
  responsibleParty: string;
}

let planRowKey = 0;
const newRow = (): PlanRow => ({ key: ++planRowKey, goal: '', action: '', responsibleParty: '' });

/** The SIP was held: the date, who attended, and the plan (goals and actions, each with a party). */
export function SipHeldForm({ view, sip, opened, onClose }: ActionProps & { sip: SipView }) {
  const scope = view.consent.scopeParties;
  const [heldOn, setHeldOn] = useState(
    sip.booking?.date && sip.booking.date <= todayIso() ? sip.booking.date : todayIso(),
  );
  const [attendees, setAttendees] = useState<Party[]>(sip.booking?.parties ?? []);
  const [personAttended, setPersonAttended] = useState(true);
  const [plan, setPlan] = useState<PlanRow[]>(() => [newRow()]);
  const form = useActionForm(view, (body: SipHeldBody, header) =>
    unwrap(
      api.POST('/api/v1/cases/{id}/sips/{sipId}/held', {
        params: { path: { id: view.id, sipId: sip.sipId }, header },
        body,
      }),
    ),
  );
  const update = (key: number, change: Partial<PlanRow>) => {
    form.clearClientErrors();
    setPlan((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  };
  // Errors name rows by their place: once rows move, they no longer point at the right one.
  const move = (index: number, by: number) => {
    form.reset();
    setPlan((rows) => {
      const next = [...rows];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row);
      return next;
    });
  };
  const checks = () => {
    const out: Record<string, string | undefined> = {
      heldOn: pastDate(heldOn),
      attendees: attendees.length === 0 ? sv.cases.chooseAtLeastOne : undefined,
    };
    plan.forEach((row, i) => {
      out[`plan[${i}].goal`] = requiredText(row.goal);
      out[`plan[${i}].action`] = requiredText(row.action);
      out[`plan[${i}].responsibleParty`] = row.responsibleParty ? undefined : sv.cases.required;
    });
    return collect(out);
  };
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={`${sv.cases.recordSipHeld}: ${sipName(sip)}`}
      submitLabel={sv.cases.recordSipHeld}
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['heldOn', 'attendees', 'personAttended', 'plan']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          checks(),
          {
            heldOn,
            attendees,
            personAttended,
            plan: plan.map((r) => ({
              goal: r.goal.trim(),
              action: r.action.trim(),
              responsibleParty: r.responsibleParty as Party,
            })),
          },
          onClose,
        )
      }
    >
      <TextInput
        type="date"
        label={sv.cases.heldOn}
        value={heldOn}
        max={todayIso()}
        onChange={(e) => setHeldOn(e.currentTarget.value)}
        error={form.fieldError('heldOn')}
        required
      />
      <PartyCheckboxes
        legend={sv.cases.attendees}
        parties={scope}
        value={attendees}
        onChange={setAttendees}
        error={form.fieldError('attendees')}
      />
      <Checkbox
        label={sv.cases.personAttendedField}
        checked={personAttended}
        onChange={(e) => setPersonAttended(e.currentTarget.checked)}
      />
      {plan.map((row, i) => (
        <Fieldset key={row.key} legend={sv.cases.planRow(i + 1)}>
          <Stack gap="xs">
            <Textarea
              label={sv.cases.planGoal}
              value={row.goal}
              onChange={(e) => update(row.key, { goal: e.currentTarget.value })}
              error={form.fieldError(`plan[${i}].goal`)}
              autosize
              required
            />
            <Textarea
              label={sv.cases.planAction}
              value={row.action}
              onChange={(e) => update(row.key, { action: e.currentTarget.value })}
              error={form.fieldError(`plan[${i}].action`)}
              autosize
              required
            />
            <NativeSelect
              label={sv.cases.planResponsible}
              data={codeOptions(sv.codes.party, scope, sv.cases.chooseOption)}
              value={row.responsibleParty}
              onChange={(e) => update(row.key, { responsibleParty: e.currentTarget.value })}
              error={form.fieldError(`plan[${i}].responsibleParty`)}
              required
            />
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={i === 0} onClick={() => move(i, -1)}>
                {sv.cases.moveUp(i + 1)}
              </Button>
              <Button size="xs" variant="default" disabled={i === plan.length - 1} onClick={() => move(i, 1)}>
                {sv.cases.moveDown(i + 1)}
              </Button>
              <Button
                size="xs"
                variant="outline"
                color="red.9"
                disabled={plan.length === 1}
                onClick={() => {
                  form.reset();
                  setPlan((rows) => rows.filter((r) => r.key !== row.key));
                }}
              >
                {sv.cases.removePlanRow(i + 1)}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      ))}
      <Group>
        <Button variant="default" onClick={() => setPlan((rows) => [...rows, newRow()])}>
          {sv.cases.addPlanRow}
        </Button>
      </Group>
    </ActionModal>
  );
}

/** A requested or booked SIP is cancelled, with an optional reason. */
export function CancelSipForm({ view, sip, opened, onClose }: ActionProps & { sip: SipView }) {
  const [reason, setReason] = useState('');
  const [cancelledOn, setCancelledOn] = useState(todayIso());
  const form = useActionForm(view, (body: CancelSipBody, header) =>
    unwrap(
      api.POST('/api/v1/cases/{id}/sips/{sipId}/cancel', {
        params: { path: { id: view.id, sipId: sip.sipId }, header },
        body,
      }),
    ),
  );
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={`${sv.cases.cancelSip}: ${sipName(sip)}`}
      submitLabel={sv.cases.cancelSip}
      danger
      pending={form.mutation.isPending}
      error={form.mutation.error}
      fields={['reason', 'cancelledOn']}
      caseId={view.id}
      onReloaded={form.reset}
      onSubmit={() =>
        form.submit(
          collect({ cancelledOn: pastDate(cancelledOn) }),
          { reason: optionalText(reason), cancelledOn },
          onClose,
        )
      }
    >
      <Textarea
        label={sv.cases.cancelReason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={form.fieldError('reason')}
        autosize
        minRows={2}
      />
      <TextInput
        type="date"
        label={sv.cases.cancelledOn}
        value={cancelledOn}
        max={todayIso()}
        onChange={(e) => setCancelledOn(e.currentTarget.value)}
        error={form.fieldError('cancelledOn')}
        required
      />
    </ActionModal>
  );
}
