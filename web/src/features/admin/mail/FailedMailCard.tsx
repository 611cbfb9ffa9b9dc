import { Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { MailFailure } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { RelativeTime } from '../../../ui/RelativeTime';
import { formatBytes } from '../../tickets/attachments/format-bytes';
import { FailedMailReason } from './FailedMailReason';
import { FailedMailSender } from './FailedMailSender';
import { FailedMailState } from './FailedMailState';

/** A failed mail on a phone: why, from whom, when and how big, then the actions. */
export function FailedMailCard({
  failure,
  mailboxAddress,
  actions,
}: {
  failure: MailFailure;
  mailboxAddress: string | null;
  actions: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" component="li" aria-label={t('admin.failedMail.cardLabel', { id: failure.id })}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <FailedMailReason failure={failure} />
          <FailedMailState failure={failure} />
        </Group>
        <FailedMailSender failure={failure} mailboxAddress={mailboxAddress} />
        <Text size="xs" c="dimmed">
          {t('admin.failedMail.card.received')} <RelativeTime iso={failure.createdAt} /> ·{' '}
          {formatBytes(failure.sizeBytes)}
        </Text>
        {actions}
      </Stack>
    </Paper>
  );
}
