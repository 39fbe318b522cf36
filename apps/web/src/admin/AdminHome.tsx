import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { sv } from '../i18n/sv';
import { ADMIN_PAGES } from './AdminLayout';

/** The administration's start page: each section and what it is for. */
export function AdminHome() {
  return (
    <Stack gap="md">
      <Title order={1}>{sv.admin.title}</Title>
      <Text>{sv.admin.intro}</Text>
      <nav aria-label={sv.admin.sections}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {ADMIN_PAGES.map((p) => (
            <Card key={p.to} withBorder>
              <Title order={2} size="h4">
                <Anchor component={Link} to={p.to}>
                  {sv.admin.pages[p.key]}
                </Anchor>
              </Title>
              <Text size="sm" mt="xs">
                {sv.admin.pageIntro[p.key]}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </nav>
    </Stack>
  );
}
