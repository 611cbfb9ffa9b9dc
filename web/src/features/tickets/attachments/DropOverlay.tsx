import { Center, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import '../../../i18n/en-attachments';
import { t } from '../../../i18n/translate';

/** Shown over a composer while files are dragged onto it; it lets the drop through to the composer. */
export function DropOverlay() {
  return (
    <Center
      aria-hidden
      style={{
        position: 'absolute',
        inset: 0,
        zIndex: 2,
        pointerEvents: 'none',
        borderRadius: 'inherit',
        border: '2px dashed var(--mantine-primary-color-filled)',
        background: 'color-mix(in srgb, var(--mantine-color-body) 85%, transparent)',
      }}
    >
      <Text fw={600} c="var(--mantine-primary-color-text)">
        <IconUpload size={18} style={{ verticalAlign: 'text-bottom', marginRight: 6 }} />
        {t('attachments.dropHere')}
      </Text>
    </Center>
  );
}
