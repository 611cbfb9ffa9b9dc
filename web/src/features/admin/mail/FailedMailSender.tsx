import { Stack, Text } from '@mantine/core';
import type { MailFailure } from '../../../api/mail';
import { t } from '../../../i18n/translate';

/** The envelope sender, and the mailbox the mail arrived at (when it reached one that still exists). */
export function FailedMailSender({ failure, mailboxAddress }: { failure: MailFailure; mailboxAddress: string | null }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c={failure.envelopeFrom ? undefined : 'dimmed'} style={{ overflowWrap: 'break-word' }}>
        {failure.envelopeFrom || t('admin.failedMail.noEnvelopeSender')}
      </Text>
      {mailboxAddress && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'break-word' }}>
          {t('admin.failedMail.to', { address: mailboxAddress })}
        </Text>
      )}
    </Stack>
  );
}
