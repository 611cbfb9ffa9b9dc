import { Button } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import type { Mailbox } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { RowActions } from '../RowActions';

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
    <RowActions
      editLabel={t('admin.mailboxes.editLabel', { address: mailbox.address })}
      deleteLabel={t('admin.mailboxes.deleteLabel', { address: mailbox.address })}
      onEdit={onEdit}
      onDelete={onDelete}
    >
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
    </RowActions>
  );
}
