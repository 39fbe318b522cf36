import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, idempotencyKey, unwrap, type BodyOf } from '../api/client';
import { useSession } from '../auth/AuthProvider';
import { todayIso } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { WriteProblem } from './ActionModal';
import { apiFieldError, noteWrite } from './case-write';
import {
  codeOptions,
  collect,
  INCOME_SOURCES,
  optionalText,
  PARTIES,
  pastDate,
  requiredText,
  type Party,
} from './form-checks';
import { PartyCheckboxes } from './IntakeForms';
import { personnummerProblem } from './personnummer';

type InitiateBody = BodyOf<'/api/v1/cases', 'post'>;
type TargetGroup = InitiateBody['targetGroups'][number];

const FIELDS = [
  'person',
  'consent',
  'initiatingParty',
  'initiatingUnit',
  'otherParties',
  'question',
  'needs',
  'incomeSource',
  'targetGroups',
  'initiatedOn',
];

function pnrMessage(value: string): string | undefined {
  if (!value.trim()) return sv.cases.required;
  switch (personnummerProblem(value)) {
    case 'format':
      return sv.cases.pnrFormat;
    case 'date':
      return sv.cases.pnrDate;
    case 'checkDigit':
      return sv.cases.pnrCheckDigit;
    default:
      return undefined;
  }
}

/**
 * A handläggare raises a case for a person their party is in contact with (R1), consent first (R2),
 * with at least one other party (R3), the question and needs (R4); then opens the new case.
 */
export function NewCasePage() {
  const { principal } = useSession();
  const ownParty = principal.party as Party | undefined;
  if (!ownParty)
    return (
      <Stack>
        <Title order={1}>{sv.cases.newTitle}</Title>
        <Alert color="yellow">{sv.cases.noParty}</Alert>
      </Stack>
    );
  return <NewCaseForm ownParty={ownParty} />;
}

function NewCaseForm({ ownParty }: { ownParty: Party }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Consent
  const [givenBy, setGivenBy] = useState<InitiateBody['consent']['givenBy']>('PERSON');
  const [givenOn, setGivenOn] = useState(todayIso());
  const [form, setForm] = useState<InitiateBody['consent']['form']>('SKRIFTLIG');
  const [documentRef, setDocumentRef] = useState('');
  const [scopeParties, setScopeParties] = useState<Party[]>([ownParty]);
  const [validUntil, setValidUntil] = useState('');
  // Person
  const [personnummer, setPersonnummer] = useState('');
  const [name, setName] = useState('');
  const [gender, setGender] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [protectedIdentity, setProtectedIdentity] = useState(false);
  // Case
  const [initiatingUnit, setInitiatingUnit] = useState('');
  const [otherParties, setOtherParties] = useState<Party[]>([]);
  const [question, setQuestion] = useState('');
  const [needs, setNeeds] = useState('');
  const [incomeSource, setIncomeSource] = useState('');
  const [targetGroups, setTargetGroups] = useState<TargetGroup[]>([]);
  const [initiatedOn, setInitiatedOn] = useState(todayIso());
  const [client, setClient] = useState<Record<string, string>>({});
  const attempt = useRef<{ body: string; key: string } | undefined>(undefined);

  const initiate = useMutation({
    mutationFn: (body: InitiateBody) => {
      const json = JSON.stringify(body);
      if (attempt.current?.body !== json)
        attempt.current = { body: json, key: idempotencyKey()['Idempotency-Key'] };
      return unwrap(
        api.POST('/api/v1/cases', { params: { header: { 'Idempotency-Key': attempt.current.key } }, body }),
      );
    },
    onSuccess: async (answer) => {
      noteWrite(answer);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      void navigate(`/arenden/${answer.id}`);
    },
  });
  const err = (field: string) => client[field] ?? apiFieldError(initiate.error, field);
  // Editing a field takes away the client's complaint about it; the next submit checks again.
  const edited = (field: string) =>
    setClient((c) => {
      if (!(field in c)) return c;
      const { [field]: _, ...rest } = c;
      return rest;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checks = collect({
      'consent.givenOn': pastDate(givenOn),
      'consent.scopeParties':
        scopeParties.length === 0
          ? sv.cases.chooseAtLeastOne
          : !scopeParties.includes(ownParty)
            ? sv.cases.ownPartyInScope
            : undefined,
      'person.personnummer': pnrMessage(personnummer),
      'person.name': requiredText(name),
      'person.gender': gender ? undefined : sv.cases.required,
      'person.birthDate': pastDate(birthDate, true),
      otherParties:
        otherParties.length === 0
          ? sv.cases.chooseAtLeastOne
          : otherParties.some((p) => !scopeParties.includes(p))
            ? sv.cases.notInScope
            : undefined,
      question: requiredText(question),
      needs: requiredText(needs),
      incomeSource: incomeSource ? undefined : sv.cases.required,
      initiatedOn: pastDate(initiatedOn),
    });
    setClient(checks);
    if (Object.keys(checks).length > 0) {
      // Take the keyboard to the first field that needs attention.
      window.requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    initiate.mutate({
      person: {
        personnummer: personnummer.trim(),
        name: name.trim(),
        gender: gender as InitiateBody['person']['gender'],
        birthDate: birthDate || undefined,
        protectedIdentity: protectedIdentity || undefined,
      },
      consent: {
        givenBy,
        givenOn,
        form,
        documentRef: optionalText(documentRef),
        scopeParties,
        validUntil: validUntil || undefined,
      },
      initiatingParty: ownParty,
      initiatingUnit: optionalText(initiatingUnit),
      otherParties,
      question: question.trim(),
      needs: needs.trim(),
      incomeSource: incomeSource as InitiateBody['incomeSource'],
      targetGroups,
      initiatedOn,
    });
  };

  return (
    <Stack gap="md" maw={860}>
      <Title order={1} id="new-case-title">
        {sv.cases.newTitle}
      </Title>
      <Text>{sv.cases.newIntro}</Text>
      <form onSubmit={submit} noValidate aria-labelledby="new-case-title">
        <Stack gap="lg">
          <Fieldset
            legend={
              <Title order={2} size="h3">
                {sv.cases.consentSection}
              </Title>
            }
          >
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={sv.cases.givenBy}
                  data={codeOptions(sv.codes.consentGiver)}
                  value={givenBy}
                  onChange={(e) => {
                    setGivenBy(e.currentTarget.value as typeof givenBy);
                    edited('consent.givenBy');
                  }}
                  error={err('consent.givenBy')}
                  required
                />
                <TextInput
                  type="date"
                  label={sv.cases.givenOn}
                  value={givenOn}
                  max={todayIso()}
                  onChange={(e) => {
                    setGivenOn(e.currentTarget.value);
                    edited('consent.givenOn');
                  }}
                  error={err('consent.givenOn')}
                  required
                />
                <NativeSelect
                  label={sv.cases.form}
                  data={codeOptions(sv.codes.consentForm)}
                  value={form}
                  onChange={(e) => {
                    setForm(e.currentTarget.value as typeof form);
                    edited('consent.form');
                  }}
                  error={err('consent.form')}
                  required
                />
                <TextInput
                  label={sv.cases.documentRef}
                  value={documentRef}
                  onChange={(e) => {
                    setDocumentRef(e.currentTarget.value);
                    edited('consent.documentRef');
                  }}
                  error={err('consent.documentRef')}
                />
              </SimpleGrid>
              <PartyCheckboxes
                legend={sv.cases.scopeParties}
                parties={PARTIES}
                value={scopeParties}
                onChange={(v) => {
                  setScopeParties(v);
                  edited('consent.scopeParties');
                }}
                error={err('consent.scopeParties')}
              />
              <TextInput
                type="date"
                label={sv.cases.validUntil}
                value={validUntil}
                onChange={(e) => {
                  setValidUntil(e.currentTarget.value);
                  edited('consent.validUntil');
                }}
                error={err('consent.validUntil')}
                w={220}
              />
            </Stack>
          </Fieldset>

          <Fieldset
            legend={
              <Title order={2} size="h3">
                {sv.cases.personSection}
              </Title>
            }
          >
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={sv.cases.personnummerField}
                  description={sv.cases.personnummerDescription}
                  value={personnummer}
                  onChange={(e) => {
                    setPersonnummer(e.currentTarget.value);
                    edited('person.personnummer');
                  }}
                  error={err('person.personnummer')}
                  autoComplete="off"
                  required
                />
                <TextInput
                  label={sv.cases.nameField}
                  value={name}
                  onChange={(e) => {
                    setName(e.currentTarget.value);
                    edited('person.name');
                  }}
                  error={err('person.name')}
                  autoComplete="off"
                  required
                />
                <NativeSelect
                  label={sv.cases.genderField}
                  data={codeOptions(sv.codes.gender, Object.keys(sv.codes.gender), sv.cases.chooseOption)}
                  value={gender}
                  onChange={(e) => {
                    setGender(e.currentTarget.value);
                    edited('person.gender');
                  }}
                  error={err('person.gender')}
                  required
                />
                <TextInput
                  type="date"
                  label={sv.cases.birthDateField}
                  value={birthDate}
                  max={todayIso()}
                  onChange={(e) => {
                    setBirthDate(e.currentTarget.value);
                    edited('person.birthDate');
                  }}
                  error={err('person.birthDate')}
                />
              </SimpleGrid>
              <Checkbox
                label={sv.cases.protectedIdentityField}
                checked={protectedIdentity}
                onChange={(e) => setProtectedIdentity(e.currentTarget.checked)}
              />
            </Stack>
          </Fieldset>

          <Fieldset
            legend={
              <Title order={2} size="h3">
                {sv.cases.caseSection}
              </Title>
            }
          >
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={sv.cases.initiatingPartyField}
                  value={label(sv.codes.party, ownParty)}
                  readOnly
                />
                <TextInput
                  label={sv.cases.initiatingUnitField}
                  value={initiatingUnit}
                  onChange={(e) => {
                    setInitiatingUnit(e.currentTarget.value);
                    edited('initiatingUnit');
                  }}
                  error={err('initiatingUnit')}
                />
              </SimpleGrid>
              <PartyCheckboxes
                legend={sv.cases.otherPartiesField}
                description={sv.cases.otherPartiesHint}
                parties={PARTIES.filter((p) => p !== ownParty)}
                value={otherParties}
                onChange={(v) => {
                  setOtherParties(v);
                  edited('otherParties');
                }}
                error={err('otherParties')}
              />
              <Textarea
                label={sv.cases.questionField}
                value={question}
                onChange={(e) => {
                  setQuestion(e.currentTarget.value);
                  edited('question');
                }}
                error={err('question')}
                autosize
                minRows={3}
                required
              />
              <Textarea
                label={sv.cases.needsField}
                value={needs}
                onChange={(e) => {
                  setNeeds(e.currentTarget.value);
                  edited('needs');
                }}
                error={err('needs')}
                autosize
                minRows={3}
                required
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={sv.cases.incomeSourceEntry}
                  data={codeOptions(sv.codes.incomeSource, INCOME_SOURCES, sv.cases.chooseOption)}
                  value={incomeSource}
                  onChange={(e) => {
                    setIncomeSource(e.currentTarget.value);
                    edited('incomeSource');
                  }}
                  error={err('incomeSource')}
                  required
                />
                <TextInput
                  type="date"
                  label={sv.cases.initiatedOnField}
                  value={initiatedOn}
                  max={todayIso()}
                  onChange={(e) => {
                    setInitiatedOn(e.currentTarget.value);
                    edited('initiatedOn');
                  }}
                  error={err('initiatedOn')}
                  required
                />
              </SimpleGrid>
              <Fieldset
                legend={
                  <Text span fw={600} size="sm">
                    {sv.cases.targetGroupsField}
                  </Text>
                }
                variant="unstyled"
              >
                <Checkbox.Group
                  value={targetGroups}
                  onChange={(v) => setTargetGroups(v as TargetGroup[])}
                  error={err('targetGroups')}
                >
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt={4}>
                    {Object.keys(sv.codes.targetGroup).map((t) => (
                      <Checkbox key={t} value={t} label={label(sv.codes.targetGroup, t)} />
                    ))}
                  </SimpleGrid>
                </Checkbox.Group>
              </Fieldset>
            </Stack>
          </Fieldset>

          <WriteProblem
            error={initiate.error}
            fields={FIELDS}
            caseId=""
            onReloaded={() => initiate.reset()}
          />
          <Group>
            <Button type="submit" loading={initiate.isPending}>
              {sv.cases.submitNew}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
