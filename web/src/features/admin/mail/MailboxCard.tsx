import { Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Mailbox } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { MailboxActiveBadge } from './MailboxActiveBadge';
import { MailboxAddress } from './MailboxAddress';
import { inboundModeLabel } from './mailbox-draft';
import { MailboxInboundStatus } from './MailboxInboundStatus';

/** A mailbox on a phone: the table's columns as lines, the actions underneath. */
export function MailboxCard({
  mailbox,
  teamName,
  actions,
}: {
  mailbox: Mailbox;
  teamName: string | null;
  actions: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" component="li" aria-label={mailbox.address}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <MailboxAddress mailbox={mailbox} />
          <MailboxActiveBadge isActive={mailbox.isActive} />
        </Group>
        <Text size="sm">
          {t('admin.mailboxes.card.team', { team: teamName ?? t('admin.mailboxes.noTeam') })}
          <br />
          {t('admin.mailboxes.card.mode', { mode: t(inboundModeLabel(mailbox.inboundMode)) })}
        </Text>
        <MailboxInboundStatus status={mailbox.inboundStatus} />
        {actions}
      </Stack>
    </Paper>
  );
}
