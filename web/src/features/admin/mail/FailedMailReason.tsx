import { Stack, Text } from '@mantine/core';
import type { MailFailure } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { failureReasonText } from './failed-mail-reasons';

/** Why the mail failed in plain words, the intake's own detail under it, and how often it was tried. */
export function FailedMailReason({ failure, attempts }: { failure: MailFailure; attempts: number }) {
  return (
    <Stack gap={2} maw={360}>
      <Text size="sm" fw={600}>
        {failureReasonText(failure.reason)}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={3} title={failure.detail} style={{ overflowWrap: 'break-word' }}>
        {failure.detail}
      </Text>
      {attempts > 1 && (
        <Text size="xs" c="dimmed">
          {t('admin.failedMail.attempts', { count: attempts })}
        </Text>
      )}
    </Stack>
  );
}
