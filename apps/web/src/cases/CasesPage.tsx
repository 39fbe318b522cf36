import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema.gen';
import { hasRole, type Principal } from '../auth/principal';
import { useSession } from '../auth/AuthProvider';
import { caseRef } from '../common/case-ref';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { useCatalogue } from './CasePage';
import { readAfterOwnWrites } from './case-write';
import type { CaseListItem } from './case-types';
import { ownerText } from './CaseDetails';
import { codeOptions, PARTIES } from './form-checks';
import { personnummerProblem } from './personnummer';

type Filters = Omit<
  NonNullable<paths['/api/v1/cases']['get']['parameters']['query']>,
  'limit' | 'cursor' | 'minPosition'
>;

const STATUSES = Object.keys(sv.codes.status);

/**
 * The case list. A handläggare starts at "Mina ärenden" (owner=me, and their party's cases that
 * have no ärendebärare yet) and can switch to every case they may see; the search filters apply to
 * both. The personnummer searched for stays in this component's state: never in the address.
 */
export function CasesPage() {
  const { principal } = useSession();
  const handlaggareOnly = hasRole(principal, 'handlaggare') && !hasRole(principal, 'processledare');
  const [mine, setMine] = useState(handlaggareOnly);
  const [filters, setFilters] = useState<Filters>({});
  return (
    <Stack gap="md">
      <Title order={1}>{mine ? sv.cases.myCasesTitle : sv.cases.title}</Title>
      <Text>{mine ? sv.cases.myIntro : sv.cases.intro}</Text>
      {handlaggareOnly && (
        <Group gap="xs" role="group" aria-label={sv.cases.view}>
          <Button variant={mine ? 'filled' : 'default'} aria-pressed={mine} onClick={() => setMine(true)}>
            {sv.cases.viewMine}
          </Button>
          <Button variant={!mine ? 'filled' : 'default'} aria-pressed={!mine} onClick={() => setMine(false)}>
            {sv.cases.viewAll}
          </Button>
        </Group>
      )}
      <CaseSearch principal={principal} showOwner={!mine} onSearch={setFilters} />
      {mine ? (
        <>
          <CaseTable filters={{ ...filters, owner: 'me' }} emptyText={sv.cases.emptyMine} />
          {principal.party && (
            <Stack gap="xs" component="section" aria-labelledby="cases-awaiting-owner">
              <Title order={2} size="h3" id="cases-awaiting-owner">
                {sv.cases.awaitingOwner}
              </Title>
              <Text size="sm">{sv.cases.awaitingOwnerIntro}</Text>
              <CaseTable
                filters={{ ...filters, owner: 'none', party: principal.party as Filters['party'] }}
                emptyText={sv.cases.empty}
              />
            </Stack>
          )}
        </>
      ) : (
        <CaseTable filters={filters} emptyText={sv.cases.empty} />
      )}
    </Stack>
  );
}

function CaseSearch({
  principal,
  showOwner,
  onSearch,
}: {
  principal: Principal;
  showOwner: boolean;
  onSearch: (f: Filters) => void;
}) {
  const [personnummer, setPersonnummer] = useState('');
  const [pnrError, setPnrError] = useState<string>();
  const [status, setStatus] = useState('');
  const [party, setParty] = useState('');
  const [owner, setOwner] = useState('');
  const [insatsCode, setInsatsCode] = useState('');
  const [initiatedFrom, setInitiatedFrom] = useState('');
  const [initiatedTo, setInitiatedTo] = useState('');
  const catalogue = useCatalogue(hasRole(principal, 'processledare', 'handlaggare'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pnr = personnummer.trim();
    const problem = pnr ? personnummerProblem(pnr) : undefined;
    setPnrError(
      problem === 'format'
        ? sv.cases.pnrFormat
        : problem === 'date'
          ? sv.cases.pnrDate
          : problem === 'checkDigit'
            ? sv.cases.pnrCheckDigit
            : undefined,
    );
    if (problem) return;
    onSearch({
      personnummer: pnr || undefined,
      status: (status || undefined) as Filters['status'],
      party: (party || undefined) as Filters['party'],
      owner: showOwner ? owner || undefined : undefined,
      insatsCode: insatsCode || undefined,
      initiatedFrom: initiatedFrom || undefined,
      initiatedTo: initiatedTo || undefined,
    });
  };
  const clear = () => {
    setPersonnummer('');
    setPnrError(undefined);
    setStatus('');
    setParty('');
    setOwner('');
    setInsatsCode('');
    setInitiatedFrom('');
    setInitiatedTo('');
    onSearch({});
  };
  return (
    <form onSubmit={submit} aria-label={sv.cases.search} noValidate>
      <Group align="flex-start" gap="sm">
        <TextInput
          label={sv.cases.personnummer}
          description={sv.cases.personnummerHint}
          value={personnummer}
          onChange={(e) => setPersonnummer(e.currentTarget.value)}
          error={pnrError}
          autoComplete="off"
          w={190}
        />
        <NativeSelect
          label={sv.cases.status}
          data={codeOptions(sv.codes.status, STATUSES, sv.cases.anyStatus)}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
        />
        <NativeSelect
          label={sv.cases.party}
          data={codeOptions(sv.codes.party, PARTIES, sv.cases.anyParty)}
          value={party}
          onChange={(e) => setParty(e.currentTarget.value)}
        />
        {showOwner && (
          <NativeSelect
            label={sv.cases.owner}
            data={[
              { value: '', label: sv.cases.anyOwner },
              { value: 'me', label: sv.cases.ownerMe },
              { value: 'none', label: sv.cases.ownerNone },
              ...PARTIES.map((p) => ({ value: p, label: sv.cases.ownerParty(label(sv.codes.party, p)) })),
            ]}
            value={owner}
            onChange={(e) => setOwner(e.currentTarget.value)}
          />
        )}
        {catalogue.data ? (
          <NativeSelect
            label={sv.cases.insats}
            data={[
              { value: '', label: sv.cases.anyInsats },
              ...catalogue.data.items.map((i) => ({ value: i.code, label: i.name })),
            ]}
            value={insatsCode}
            onChange={(e) => setInsatsCode(e.currentTarget.value)}
          />
        ) : null}
        <TextInput
          type="date"
          label={sv.cases.initiatedFrom}
          value={initiatedFrom}
          onChange={(e) => setInitiatedFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={sv.cases.initiatedTo}
          value={initiatedTo}
          onChange={(e) => setInitiatedTo(e.currentTarget.value)}
        />
      </Group>
      <Group gap="sm" mt="sm">
        <Button type="submit">{sv.cases.doSearch}</Button>
        <Button variant="default" onClick={clear}>
          {sv.cases.clear}
        </Button>
      </Group>
    </form>
  );
}

function CaseTable({ filters, emptyText }: { filters: Filters; emptyText: string }) {
  const cases = useInfiniteQuery({
    queryKey: ['cases', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: { query: { ...filters, limit: 50, cursor: pageParam, minPosition: readAfterOwnWrites() } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (cases.isPending) return <Loading />;
  if (cases.isError) return <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />;
  const items = cases.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Empty>{emptyText}</Empty>;
  return (
    <Stack gap="xs">
      <Text size="sm" role="status">
        {sv.cases.count(cases.data.pages[0].total)}
      </Text>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{sv.cases.caseRef}</Table.Th>
            <Table.Th scope="col">{sv.cases.person}</Table.Th>
            <Table.Th scope="col">{sv.cases.gender}</Table.Th>
            <Table.Th scope="col">{sv.cases.status}</Table.Th>
            <Table.Th scope="col">{sv.cases.initiatingParty}</Table.Th>
            <Table.Th scope="col">{sv.cases.parties}</Table.Th>
            <Table.Th scope="col">{sv.cases.owner}</Table.Th>
            <Table.Th scope="col">{sv.cases.initiatedOn}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <CaseRow key={item.id} item={item} />
          ))}
        </Table.Tbody>
      </Table>
      {cases.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={cases.isFetchingNextPage}
            onClick={() => void cases.fetchNextPage()}
          >
            {sv.cases.more}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function CaseRow({ item }: { item: CaseListItem }) {
  const ref = caseRef(item.id);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        <Anchor component={Link} to={`/arenden/${item.id}`} aria-label={sv.cases.open(ref)}>
          {ref}
        </Anchor>
      </Table.Th>
      <Table.Td>
        {item.person.erased ? (
          <Badge color="gray.8" variant="filled">
            {sv.cases.erased}
          </Badge>
        ) : (
          (item.person.name ?? sv.cases.unknownName)
        )}
      </Table.Td>
      <Table.Td>{label(sv.codes.gender, item.person.gender)}</Table.Td>
      <Table.Td>{label(sv.codes.status, item.status)}</Table.Td>
      <Table.Td>{label(sv.codes.party, item.initiatingParty)}</Table.Td>
      <Table.Td>{item.parties.map((p) => label(sv.codes.party, p)).join(', ')}</Table.Td>
      <Table.Td>{ownerText(item.owner)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDate(item.initiatedOn)}</Table.Td>
    </Table.Tr>
  );
}
