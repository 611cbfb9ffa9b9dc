import { Stack, Text } from '@mantine/core';
import type { MailFailure } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { RelativeTime } from '../../../ui/RelativeTime';
import { failureReasonText } from './failed-mail-reasons';

/** Why the mail last failed in plain words, the intake's own detail under it, and how often and when last it was tried. */
export function FailedMailReason({ failure }: { failure: MailFailure }) {
  return (
    <Stack gap={2} maw={360}>
      <Text size="sm" fw={600}>
        {failureReasonText(failure.reason)}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={3} title={failure.detail} style={{ overflowWrap: 'break-word' }}>
        {failure.detail}
      </Text>
      {failure.attempts > 1 && (
        <Text size="xs" c="dimmed">
          {t('admin.failedMail.attempts', { count: failure.attempts })} · <RelativeTime iso={failure.lastFailedAt} />
        </Text>
      )}
    </Stack>
  );
}
