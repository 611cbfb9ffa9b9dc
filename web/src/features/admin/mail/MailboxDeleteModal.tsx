import { useQueryClient } from '@tanstack/react-query';
import { mailApi, mailQueryKeys, type Mailbox } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { notify } from '../../../ui/notify';

/** Asks before a mailbox goes: its mail stops arriving, while tickets it made and mail it stored stay. */
export function MailboxDeleteModal({ mailbox, onClose }: { mailbox: Mailbox | null; onClose: () => void }) {
  const client = useQueryClient();
  const remove = async (target: Mailbox) => {
    await mailApi.removeMailbox(target.id);
    notify({
      color: 'teal',
      message: t('admin.mailboxes.deleted', { address: target.address }),
      closeButtonProps: { 'aria-label': t('common.close') },
    });
    await client.invalidateQueries({ queryKey: mailQueryKeys.mailboxes });
  };
  return (
    <ConfirmModal
      question={
        mailbox && {
          title: t('admin.mailboxes.deleteTitle'),
          body: t('admin.mailboxes.deleteBody', { address: mailbox.address }),
        }
      }
      confirmLabel={t('admin.mailboxes.deleteConfirm')}
      onClose={onClose}
      onConfirm={async () => {
        if (mailbox) await remove(mailbox);
      }}
    />
  );
}
