import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { t } from '../i18n/translate';

interface ConfirmModalProps {
  /** What is asked, or null when the dialog is closed. */
  question: { title: string; body: string } | null;
  confirmLabel: string;
  onClose: () => void;
  /** Throw to keep the dialog open; `describeError` turns the thrown value into the sentence shown in it. */
  onConfirm: () => Promise<void>;
  describeError?: (error: unknown) => string;
}

/**
 * "Delete X?" with the consequence spelled out, and the reason in words when the server refuses. Cancel takes the
 * focus, so a stray Enter does no harm; while the answer is awaited the dialog stays.
 */
export function ConfirmModal({
  question,
  confirmLabel,
  onClose,
  onConfirm,
  describeError = errorMessage,
}: ConfirmModalProps) {
  // The last question asked, so the dialog keeps its words while it fades out. Compared by its words: callers
  // build the object afresh on every render.
  const [shown, setShown] = useState(question);
  if (question !== null && (question.title !== shown?.title || question.body !== shown.body)) setShown(question);
  const confirm = useMutation({ mutationFn: onConfirm, onSuccess: onClose });
  const close = () => {
    if (confirm.isPending) return;
    confirm.reset();
    onClose();
  };
  return (
    <Modal
      opened={question !== null}
      onClose={close}
      title={shown?.title ?? ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{shown?.body}</Text>
        {confirm.isError && (
          <Alert color="red" variant="light" role="alert">
            {describeError(confirm.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={confirm.isPending} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={confirm.isPending} onClick={() => confirm.mutate()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
