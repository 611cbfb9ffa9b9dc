import { Box, Button, Group, Text } from '@mantine/core';
import { t } from '../../../i18n/translate';

/** Cancel and Save (or Create) at the foot of a long drawer form, kept in view while the fields scroll. */
export function FormActions({
  isNew,
  saving,
  savingText,
  onCancel,
}: {
  isNew: boolean;
  saving: boolean;
  /** Said to screen readers while the save is under way. */
  savingText: string;
  onCancel: () => void;
}) {
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
        <Button variant="default" onClick={onCancel} disabled={saving}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={saving}>
          {isNew ? t('common.create') : t('common.save')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" ta="right" role="status">
        {saving ? savingText : ''}
      </Text>
    </Box>
  );
}
