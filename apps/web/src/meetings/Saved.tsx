import { Text } from '@mantine/core';

/** A write went through: plain text, the check mark says it (Mantine’s greens fail contrast on white). */
export function Saved({ children }: { children: string }) {
  return (
    <Text role="status" fw={600}>
      ✓ {children}
    </Text>
  );
}
