import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import { mailApi, mailQueryKeys, type Mailbox, type MailFailure } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import type { FailedMailResult } from './FailedMailOutcome';
import { failureReasonText } from './failed-mail-reasons';

/**
 * Runs a failed mail through intake again. It goes to the mailbox it arrived at unless the admin picks another;
 * mail that reached no (remaining) mailbox needs one picked.
 */
export function FailedMailReprocessModal({
  failure,
  mailboxes,
  onDone,
  onClose,
}: {
  failure: MailFailure | null;
  mailboxes: Mailbox[];
  onDone: (result: FailedMailResult) => void;
  onClose: () => void;
}) {
  const [shown, setShown] = useState(failure);
  if (failure !== null && failure !== shown) setShown(failure);
  const original =
    shown?.mailboxId != null && mailboxes.some((mailbox) => mailbox.id === shown.mailboxId) ? shown.mailboxId : null;
  const [mailboxId, setMailboxId] = useState<string | null>(null);
  useEffect(() => {
    if (failure) setMailboxId(original === null ? null : String(original));
  }, [failure, original]);
  const client = useQueryClient();
  const reprocess = useMutation({
    mutationFn: ({ target, chosen }: { target: MailFailure; chosen: number | undefined }) =>
      mailApi.reprocessFailure(target.id, chosen),
    onSuccess: async (outcome, { target }) => {
      onDone({ failure: target, outcome });
      onClose();
      await client.invalidateQueries({ queryKey: mailQueryKeys.failures });
    },
  });
  const close = () => {
    reprocess.reset();
    onClose();
  };
  const chosen = mailboxId === null ? undefined : Number(mailboxId);
  return (
    <Modal
      opened={failure !== null}
      onClose={close}
      title={t('admin.failedMail.reprocessTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{t('admin.failedMail.reprocessBody', { reason: failureReasonText(shown?.reason ?? '') })}</Text>
        <Select
          label={t('admin.failedMail.reprocessInto')}
          description={
            original === null ? t('admin.failedMail.reprocessIntoRequired') : t('admin.failedMail.reprocessIntoHint')
          }
          placeholder={t('admin.failedMail.reprocessChoose')}
          required={original === null}
          data={mailboxes.map((mailbox) => ({ value: String(mailbox.id), label: mailbox.address }))}
          value={mailboxId}
          onChange={setMailboxId}
          allowDeselect={false}
        />
        {reprocess.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(reprocess.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={reprocess.isPending}
            disabled={chosen === undefined && original === null}
            onClick={() =>
              shown && reprocess.mutate({ target: shown, chosen: chosen === original ? undefined : chosen })
            }
          >
            {t('admin.failedMail.reprocess')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
