import { Table } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

/**
 * A table that scrolls sideways on a narrow screen. The scrolling region can be reached and scrolled
 * with the keyboard, and a screen reader names it after the table's caption.
 */
export function ScrollTable({
  minWidth,
  label,
  children,
}: {
  minWidth: CSSProperties['minWidth'];
  label: string;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label } }}
    >
      {children}
    </Table.ScrollContainer>
  );
}
