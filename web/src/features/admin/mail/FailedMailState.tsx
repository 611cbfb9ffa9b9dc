import { Badge, Stack, Text } from '@mantine/core';
import type { MailFailure } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { RelativeTime } from '../../../ui/RelativeTime';

/** Still waiting for an admin, or resolved (and when). */
export function FailedMailState({ failure }: { failure: MailFailure }) {
  if (!failure.resolvedAt) {
    return (
      <Badge color="orange" variant="light" miw="max-content">
        {t('admin.failedMail.open')}
      </Badge>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <Badge color="teal" variant="light" miw="max-content">
        {t('admin.failedMail.resolved')}
      </Badge>
      <Text size="xs" c="dimmed">
        <RelativeTime iso={failure.resolvedAt} />
      </Text>
    </Stack>
  );
}
