import { Badge, Stack, Text } from '@mantine/core';
import type { Mailbox } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { RelativeTime } from '../../../ui/RelativeTime';

/** How fetching mail went lately: not tried yet, failing (the server's words, since when), or fine. */
export function MailboxInboundStatus({ status }: { status: Mailbox['inboundStatus'] }) {
  if (status === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('admin.mailboxes.status.notChecked')}
      </Text>
    );
  }
  if (status.error !== null) {
    return (
      <Stack gap={4} align="flex-start" maw={300}>
        <Badge color="red" variant="light" miw="max-content">
          {t('admin.mailboxes.status.failing')}
        </Badge>
        <Text size="xs" lineClamp={3} title={status.error} style={{ overflowWrap: 'break-word' }}>
          {status.error}
        </Text>
        {status.errorAt && (
          <Text size="xs" c="dimmed">
            {t('admin.mailboxes.status.failedAt')} <RelativeTime iso={status.errorAt} />
            {status.checkedAt && (
              <>
                {' · '}
                {t('admin.mailboxes.status.workedAt')} <RelativeTime iso={status.checkedAt} />
              </>
            )}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      <Badge color="teal" variant="light" miw="max-content">
        {t('admin.mailboxes.status.ok')}
      </Badge>
      {status.checkedAt && (
        <Text size="xs" c="dimmed">
          {t('admin.mailboxes.status.lastChecked')} <RelativeTime iso={status.checkedAt} />
        </Text>
      )}
    </Stack>
  );
}
