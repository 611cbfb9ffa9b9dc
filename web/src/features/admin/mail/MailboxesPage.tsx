import { Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import { identityApi } from '../../../api/identity';
import { mailApi, mailQueryKeys, type Mailbox, type MailboxCheck } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { notify } from '../../../ui/notify';
import { ResourceCards } from '../../../ui/ResourceCards';
import { ResourcePage } from '../../../ui/ResourcePage';
import { useScreenAtMost } from '../../../ui/use-screen-at-most';
import { MailboxActions } from './MailboxActions';
import { MailboxActiveBadge } from './MailboxActiveBadge';
import { MailboxAddress } from './MailboxAddress';
import { MailboxCard } from './MailboxCard';
import { MailboxCheckResult } from './MailboxCheckResult';
import { MailboxDeleteModal } from './MailboxDeleteModal';
import { inboundModeLabel } from './mailbox-draft';
import { MailboxFormModal } from './MailboxFormModal';
import { MailboxInboundStatus } from './MailboxInboundStatus';

/** The addresses the desk receives at: where each one's mail goes, how it arrives and whether that works. */
export function MailboxesPage() {
  const mailboxes = useQuery({ queryKey: mailQueryKeys.mailboxes, queryFn: mailApi.mailboxes, select: (list) => list.items });
  // The same response: where mail for these addresses reaches this server, if it listens for mail itself.
  const listener = useQuery({ queryKey: mailQueryKeys.mailboxes, queryFn: mailApi.mailboxes, select: (list) => list.smtpListener });
  // The list (and key) the Teams page uses, so a team made there shows up here.
  const teams = useQuery({ queryKey: ['admin', 'teams'], queryFn: identityApi.teams });
  const teamName = (mailbox: Mailbox) =>
    mailbox.teamId === null
      ? null
      : (teams.data?.find((team) => team.id === mailbox.teamId)?.name ?? `#${mailbox.teamId}`);
  const [form, setForm] = useState<{ opened: boolean; editing: Mailbox | null }>({ opened: false, editing: null });
  const [deleting, setDeleting] = useState<Mailbox | null>(null);
  const [checked, setChecked] = useState<{ address: string; result: MailboxCheck } | null>(null);
  const phone = useScreenAtMost('sm');
  const client = useQueryClient();
  const check = useMutation({
    mutationFn: (mailbox: Mailbox) => mailApi.checkMailbox(mailbox.id),
    onMutate: () => setChecked(null),
    onSuccess: (result, mailbox) => setChecked({ address: mailbox.address, result }),
    onError: (error) =>
      notify({ color: 'red', message: errorMessage(error), closeButtonProps: { 'aria-label': t('common.close') } }),
    // The check records how fetching went, which the list shows.
    onSettled: () => client.invalidateQueries({ queryKey: mailQueryKeys.mailboxes }),
  });

  const actions = (mailbox: Mailbox) => (
    <MailboxActions
      mailbox={mailbox}
      checking={check.isPending && check.variables?.id === mailbox.id}
      onCheck={() => check.mutate(mailbox)}
      onEdit={() => setForm({ opened: true, editing: mailbox })}
      onDelete={() => setDeleting(mailbox)}
    />
  );
  const title = t('admin.mailboxes');
  const listenerPort = listener.data?.port;
  const description = [
    t('admin.mailboxes.hint'),
    listener.data === undefined ? '' : listenerPort === null ? t('admin.mailboxes.listenerOff') : t('admin.mailboxes.listenerOn', { port: listenerPort ?? '' }),
  ]
    .filter(Boolean)
    .join(' ');
  const add = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ opened: true, editing: null })}>
      {t('admin.mailboxes.new')}
    </Button>
  );
  const result = checked && (
    <MailboxCheckResult address={checked.address} result={checked.result} onClose={() => setChecked(null)} />
  );

  const page = {
    title,
    description,
    action: add,
    query: mailboxes,
    rowKey: (mailbox: Mailbox) => mailbox.id,
    emptyTitle: t('admin.mailboxes.empty'),
    emptyBody: t('admin.mailboxes.emptyBody'),
    children: result,
  };

  return (
    <>
      {phone ? (
        <ResourceCards<Mailbox>
          {...page}
          card={(mailbox) => <MailboxCard mailbox={mailbox} teamName={teamName(mailbox)} actions={actions(mailbox)} />}
        />
      ) : (
        <ResourcePage<Mailbox>
          {...page}
          columns={[
            {
              key: 'address',
              label: t('admin.mailboxes.address'),
              render: (mailbox) => <MailboxAddress mailbox={mailbox} />,
            },
            {
              key: 'team',
              label: t('admin.mailboxes.team'),
              render: (mailbox) => (
                <Text size="sm" c={mailbox.teamId === null ? 'dimmed' : undefined}>
                  {teamName(mailbox) ?? t('admin.mailboxes.noTeam')}
                </Text>
              ),
            },
            {
              key: 'mode',
              label: t('admin.mailboxes.inboundModeShort'),
              render: (mailbox) => t(inboundModeLabel(mailbox.inboundMode)),
            },
            {
              key: 'active',
              label: t('admin.mailboxes.state'),
              render: (mailbox) => <MailboxActiveBadge isActive={mailbox.isActive} />,
            },
            {
              key: 'status',
              label: t('admin.mailboxes.inboundStatus'),
              render: (mailbox) => <MailboxInboundStatus status={mailbox.inboundStatus} />,
            },
            { key: 'actions', label: t('common.actions'), render: actions },
          ]}
        />
      )}
      <MailboxFormModal
        opened={form.opened}
        editing={form.editing}
        teams={(teams.data ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
        onClose={() => setForm((before) => ({ ...before, opened: false }))}
      />
      <MailboxDeleteModal mailbox={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
