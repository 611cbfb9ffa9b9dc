import { Button, Group } from '@mantine/core';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { mailApi, type MailFailure } from '../../../api/mail';
import { t } from '../../../i18n/translate';

/**
 * Download (a plain link: the session cookie authorises it and the server names the .eml file) and, while the mail
 * is open, Reprocess.
 */
export function FailedMailActions({ failure, onReprocess }: { failure: MailFailure; onReprocess: () => void }) {
  const sender = failure.envelopeFrom || t('admin.failedMail.noEnvelopeSender');
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        component="a"
        href={mailApi.rawFailureUrl(failure.id)}
        download={`failed-mail-${failure.id}.eml`}
        size="xs"
        variant="subtle"
        leftSection={<IconDownload size={14} aria-hidden />}
        aria-label={t('admin.failedMail.downloadLabel', { id: failure.id, sender })}
      >
        {t('admin.failedMail.download')}
      </Button>
      {!failure.resolvedAt && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRefresh size={14} aria-hidden />}
          aria-label={t('admin.failedMail.reprocessLabel', { id: failure.id, sender })}
          onClick={onReprocess}
        >
          {t('admin.failedMail.reprocess')}
        </Button>
      )}
    </Group>
  );
}
