import { Box, Center, Group, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandMark } from '../../ui/BrandMark';
import { ColorSchemeToggle } from '../../ui/ColorSchemeToggle';
import { t } from '../../i18n/translate';

export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-default-hover)">
      <Group justify="space-between" p="md">
        <BrandMark name={t('app.name')} />
        <ColorSchemeToggle label={t('app.colorScheme')} />
      </Group>
      <Center component="main" px="md" pb={80} pt={{ base: 16, sm: 64 }}>
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
          <Stack gap="md">{children}</Stack>
        </Paper>
      </Center>
    </Box>
  );
}
