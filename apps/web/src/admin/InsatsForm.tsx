import { Button, Checkbox, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, ifMatch, unwrap, type BodyOf, type ResponseOf } from '../api/client';
import { label, sv } from '../i18n/sv';
import { CATALOGUE_KEY, PARTIES, SETTINGS_KEY, useIdempotencyKey, useTenantSettings } from './tenant-config';
import { fieldError, WriteProblem } from './WriteProblem';

export type CatalogueInsats = ResponseOf<'/api/v1/admin/insatser', 'get'>['items'][number];

type InsatsBody = BodyOf<'/api/v1/admin/insatser/{code}', 'put'>;

// The API's rule for a catalogue code (upsert-catalogue-insats): checked here for convenience.
const INSATS_CODE = /^[A-Z0-9_-]{1,64}$/;

/** Adds an insats to the catalogue, or changes the one being edited (its code stays). */
export function InsatsForm({
  editing,
  existingCodes,
  onSaved,
  onCancel,
}: {
  editing?: CatalogueInsats;
  existingCodes: string[];
  onSaved: (code: string) => void;
  onCancel: () => void;
}) {
  const t = sv.admin.catalogue;
  const queryClient = useQueryClient();
  const settings = useTenantSettings();
  const keyFor = useIdempotencyKey();
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [party, setParty] = useState<string | null>(editing?.party ?? null);
  const [active, setActive] = useState(editing?.active ?? true);
  const [checks, setChecks] = useState<Record<string, string>>({});
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) nameRef.current?.focus();
  }, [editing]);

  const save = useMutation({
    mutationFn: (req: { code: string; body: InsatsBody }) =>
      unwrap(
        api.PUT('/api/v1/admin/insatser/{code}', {
          params: {
            path: { code: req.code },
            header: { ...ifMatch(settings.data?.version), ...keyFor(req) },
          },
          body: req.body,
        }),
      ),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: CATALOGUE_KEY });
      await queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
      setCode('');
      setName('');
      setParty(null);
      setActive(true);
      onSaved(answer.code);
    },
  });

  const submit = () => {
    const problems: Record<string, string> = {};
    const trimmedCode = code.trim();
    if (!trimmedCode) problems.code = sv.admin.required;
    else if (!INSATS_CODE.test(trimmedCode)) problems.code = t.codeInvalid;
    else if (!editing && existingCodes.includes(trimmedCode)) problems.code = t.codeTaken;
    if (!name.trim()) problems.name = sv.admin.required;
    if (!party) problems.party = sv.admin.required;
    setChecks(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate({
      code: trimmedCode,
      body: {
        name: name.trim(),
        party: party as InsatsBody['party'],
        ...(editing ? { active } : {}),
      },
    });
  };

  const error = save.error;
  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2}>{editing ? t.editTitle(editing.code) : t.addTitle}</Title>
          <WriteProblem
            error={error}
            fields={['code', 'name', 'party', 'active']}
            onReload={() => {
              save.reset();
              void settings.refetch();
              void queryClient.invalidateQueries({ queryKey: CATALOGUE_KEY });
            }}
          />
          <Group align="flex-start" grow>
            <TextInput
              label={t.code}
              description={t.codeHint}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              required
              readOnly={!!editing}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
              error={checks.code ?? fieldError(error, 'code')}
              autoComplete="off"
            />
            <TextInput
              ref={nameRef}
              label={t.name}
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={checks.name ?? fieldError(error, 'name')}
              autoComplete="off"
            />
            <Select
              label={t.party}
              required
              data={PARTIES.map((p) => ({ value: p, label: label(sv.codes.party, p) }))}
              value={party}
              onChange={setParty}
              error={checks.party ?? fieldError(error, 'party')}
            />
          </Group>
          {editing && (
            <Checkbox
              label={t.activeLabel}
              checked={active}
              onChange={(e) => setActive(e.currentTarget.checked)}
              error={fieldError(error, 'active')}
            />
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {editing ? t.save : t.add}
            </Button>
            {editing && (
              <Button variant="default" onClick={onCancel}>
                {sv.admin.cancel}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
