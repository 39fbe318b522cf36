import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label–value pairs as a description list, two columns. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: 'grid', gridTemplateColumns: 'minmax(8rem, max-content) 1fr', gap: '0.25rem 1rem' }}
    >
      {items.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <Text component="dt" fw={600} size="sm">
            {term}
          </Text>
          <Text component="dd" m={0} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {value}
          </Text>
        </div>
      ))}
    </Box>
  );
}
