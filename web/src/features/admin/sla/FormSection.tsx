import { Fieldset, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled group of fields in a drawer form, with a line saying what the group decides. */
export function FormSection({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Fieldset
      variant="unstyled"
      legend={
        <Text component="span" fw={600} size="md">
          {title}
        </Text>
      }
      styles={{ legend: { padding: 0, marginBottom: 4 } }}
    >
      {hint && (
        <Text size="sm" c="dimmed" mb="xs">
          {hint}
        </Text>
      )}
      {children}
    </Fieldset>
  );
}
