import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { sv } from '../i18n/sv';

/** Så räknas siffrorna: every dashboard figure's definition, each with its own anchor to link to. */
export function DefinitionsPage() {
  const t = sv.statistics.definitions;
  const { hash } = useLocation();
  useEffect(() => {
    // The app renders after the browser looked for the anchor: bring the linked definition into view.
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);
  return (
    <Stack gap="md">
      <Title order={1}>{t.title}</Title>
      <Text>{t.intro}</Text>
      <Anchor component={Link} to="/statistik">
        {t.back}
      </Anchor>
      {t.items.map((d) => (
        <Paper key={d.id} component="section" id={d.id} aria-labelledby={`${d.id}-term`} withBorder p="md">
          <Title order={2} size="h4" id={`${d.id}-term`}>
            {d.term}
          </Title>
          <Text mt={4}>{d.text}</Text>
          <Text size="sm" c="gray.8" mt={4}>
            {t.section(d.section)}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
