import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import { mailApi, mailQueryKeys, type Mailbox } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { notify } from '../../../ui/notify';

/** Asks before a mailbox goes: its mail stops arriving, while tickets it made and mail it stored stay. */
export function MailboxDeleteModal({ mailbox, onClose }: { mailbox: Mailbox | null; onClose: () => void }) {
  // The last mailbox asked about, so the dialog keeps its words while it fades out.
  const [shown, setShown] = useState(mailbox);
  if (mailbox !== null && mailbox !== shown) setShown(mailbox);
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: number) => mailApi.removeMailbox(id),
    onSuccess: async (_nothing, id) => {
      notify({
        color: 'teal',
        message: t('admin.mailboxes.deleted', { address: shown?.address ?? String(id) }),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await client.invalidateQueries({ queryKey: mailQueryKeys.mailboxes });
      onClose();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal
      opened={mailbox !== null}
      onClose={close}
      title={t('admin.mailboxes.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text>{t('admin.mailboxes.deleteBody', { address: shown?.address ?? '' })}</Text>
        {remove.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => mailbox && remove.mutate(mailbox.id)}>
            {t('admin.mailboxes.deleteConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
