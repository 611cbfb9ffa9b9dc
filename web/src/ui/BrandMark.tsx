import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconLifebuoy } from '@tabler/icons-react';

export function BrandMark({ name, subtitle }: { name: string; subtitle?: string }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={30} radius="md" variant="filled" aria-hidden>
        <IconLifebuoy size={18} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} size="lg" lh={1}>
        {name}
        {subtitle && (
          <Text span c="dimmed" fw={500} size="sm" ml={6}>
            {subtitle}
          </Text>
        )}
      </Text>
    </Group>
  );
}
