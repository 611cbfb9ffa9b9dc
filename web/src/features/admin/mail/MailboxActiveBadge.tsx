import { Badge } from '@mantine/core';
import { t } from '../../../i18n/translate';

/** Active or paused; never cut short by a narrow column. */
export function MailboxActiveBadge({ isActive }: { isActive: boolean }) {
  return isActive ? (
    <Badge color="teal" variant="light" miw="max-content">
      {t('common.active')}
    </Badge>
  ) : (
    <Badge color="gray" miw="max-content">
      {t('admin.mailboxes.paused')}
    </Badge>
  );
}
