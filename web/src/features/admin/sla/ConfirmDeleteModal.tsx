import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../../i18n/translate';

interface ConfirmDeleteModalProps {
  /** What is about to go, or null when the dialog is closed. */
  subject: { title: string; body: string } | null;
  onClose: () => void;
  /** Throw to keep the dialog open; `describeError` turns the thrown value into the sentence shown in it. */
  onConfirm: () => Promise<void>;
  describeError: (error: unknown) => string;
}

/** "Delete X?" with the consequence spelled out, and the reason in words when the server refuses. */
export function ConfirmDeleteModal({ subject, onClose, onConfirm, describeError }: ConfirmDeleteModalProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={subject !== null}
      onClose={close}
      title={subject?.title ?? ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{subject?.body}</Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
