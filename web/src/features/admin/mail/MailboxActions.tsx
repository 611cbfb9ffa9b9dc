import { Button, Group } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import type { Mailbox } from '../../../api/mail';
import { t } from '../../../i18n/translate';

/** Check connection, edit and delete, each named with the mailbox for screen readers. */
export function MailboxActions({
  mailbox,
  checking,
  onCheck,
  onEdit,
  onDelete,
}: {
  mailbox: Mailbox;
  checking: boolean;
  onCheck: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlugConnected size={14} aria-hidden />}
        aria-label={t('admin.mailboxes.checkLabel', { address: mailbox.address })}
        loading={checking}
        onClick={onCheck}
      >
        {t('admin.mailboxes.check')}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        aria-label={t('admin.mailboxes.editLabel', { address: mailbox.address })}
        onClick={onEdit}
      >
        {t('common.edit')}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        aria-label={t('admin.mailboxes.deleteLabel', { address: mailbox.address })}
        onClick={onDelete}
      >
        {t('common.delete')}
      </Button>
    </Group>
  );
}
