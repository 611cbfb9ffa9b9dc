import { Box, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** The buttons at the foot of a long drawer form, kept in view while the fields scroll. */
export function FormActions({ children, status }: { children: ReactNode; status?: ReactNode }) {
  return (
    <Box
      py="sm"
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 2,
        background: 'var(--mantine-color-body)',
        borderTop: '1px solid var(--mantine-color-default-border)',
      }}
    >
      <Group justify="flex-end" gap="sm">
        {children}
      </Group>
      {status}
    </Box>
  );
}
