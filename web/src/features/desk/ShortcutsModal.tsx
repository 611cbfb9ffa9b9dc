import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { t, type MessageKey } from '../../i18n/translate';

const shortcuts: [string[], MessageKey][] = [
  [['j', 'k'], 'shortcuts.jk'],
  [['Enter'], 'shortcuts.enter'],
  [['x'], 'shortcuts.x'],
  [['r'], 'shortcuts.r'],
  [['n'], 'shortcuts.n'],
  [['/'], 'shortcuts.slash'],
  [['c'], 'shortcuts.c'],
  [['?'], 'shortcuts.help'],
];

export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')}>
      <Stack gap="xs" component="dl" m={0}>
        {shortcuts.map(([keys, label]) => (
          <Group key={label} justify="space-between">
            <Text component="dt" size="sm">
              {t(label)}
            </Text>
            <Group gap={4} component="dd" m={0}>
              {keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
