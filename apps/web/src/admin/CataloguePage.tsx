import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { Empty, ErrorState, Loading } from '../common/states';
import { label, sv } from '../i18n/sv';
import { AdminLayout } from './AdminLayout';
import { InsatsForm, type CatalogueInsats } from './InsatsForm';
import { CATALOGUE_KEY } from './tenant-config';

/** The insatskatalog: every insats, retired ones too, and a form to add or change one. */
export function CataloguePage() {
  const [editing, setEditing] = useState<CatalogueInsats | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const catalogue = useInfiniteQuery({
    queryKey: CATALOGUE_KEY,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/admin/insatser', { params: { query: { limit: 100, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = catalogue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <AdminLayout page="catalogue">
      <Title order={2}>{sv.admin.catalogue.listTitle}</Title>
      {catalogue.isPending ? (
        <Loading />
      ) : catalogue.isError ? (
        <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{sv.admin.catalogue.empty}</Empty>
      ) : (
        <Stack gap="xs">
          <CatalogueTable
            items={items}
            onEdit={(i) => {
              setSaved(undefined);
              setEditing(i);
            }}
          />
          <Group>
            <Text size="sm">{sv.admin.count(items.length, catalogue.data.pages[0].total)}</Text>
            {catalogue.hasNextPage && (
              <Button
                variant="default"
                loading={catalogue.isFetchingNextPage}
                onClick={() => void catalogue.fetchNextPage()}
              >
                {sv.admin.more}
              </Button>
            )}
          </Group>
        </Stack>
      )}
      <Text role="status" c="blue.9" fw={600}>
        {saved ? sv.admin.catalogue.added(saved) : ''}
      </Text>
      <InsatsForm
        key={editing?.code ?? 'new'}
        editing={editing}
        existingCodes={items.map((i) => i.code)}
        onSaved={(code) => {
          setSaved(code);
          setEditing(undefined);
        }}
        onCancel={() => {
          setSaved(undefined);
          setEditing(undefined);
        }}
      />
    </AdminLayout>
  );
}

function CatalogueTable({
  items,
  onEdit,
}: {
  items: CatalogueInsats[];
  onEdit: (insats: CatalogueInsats) => void;
}) {
  const t = sv.admin.catalogue;
  return (
    <Table striped verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t.code}</Table.Th>
          <Table.Th scope="col">{t.name}</Table.Th>
          <Table.Th scope="col">{t.partyCol}</Table.Th>
          <Table.Th scope="col">{t.status}</Table.Th>
          <Table.Th scope="col">{t.actions}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr key={i.code}>
            <Table.Th scope="row">
              <Text span ff="monospace" size="sm">
                {i.code}
              </Text>
            </Table.Th>
            <Table.Td>{i.name}</Table.Td>
            <Table.Td>{label(sv.codes.party, i.party)}</Table.Td>
            <Table.Td>
              {i.active ? (
                <Badge color="blue.9" variant="filled">
                  {t.active}
                </Badge>
              ) : (
                <Badge color="gray.8" variant="filled">
                  {t.retired}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Button size="xs" variant="default" aria-label={t.editLabel(i.code)} onClick={() => onEdit(i)}>
                {t.edit}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
