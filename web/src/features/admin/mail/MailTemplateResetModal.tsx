import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { t } from '../../../i18n/translate';

interface MailTemplateResetModalProps {
  opened: boolean;
  name: string;
  hasDraft: boolean;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before a customised template goes back to the built-in wording, which deletes the admin's version. */
export function MailTemplateResetModal({
  opened,
  name,
  hasDraft,
  busy,
  error,
  onConfirm,
  onClose,
}: MailTemplateResetModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={t('admin.mailTemplates.resetTitle', { name })}>
      <Stack gap="md">
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Text size="sm">{t('admin.mailTemplates.resetBody')}</Text>
        {hasDraft && <Text size="sm">{t('admin.mailTemplates.resetDraftToo')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm}>
            {t('admin.mailTemplates.resetConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
