import { Alert, List, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { MailboxCheck } from '../../../api/mail';
import { t } from '../../../i18n/translate';

type Side = NonNullable<MailboxCheck['imap']>;

/** One line per server: whether it took the login, in words, with what it said. */
function CheckLine({ protocol, side }: { protocol: string; side: Side }) {
  return (
    <List.Item
      icon={
        <ThemeIcon size={20} radius="xl" color={side.ok ? 'teal' : 'red'} aria-hidden>
          {side.ok ? <IconCheck size={14} /> : <IconX size={14} />}
        </ThemeIcon>
      }
    >
      <Text size="sm" c={side.ok ? undefined : 'red.9'} style={{ overflowWrap: 'anywhere' }}>
        {side.ok
          ? t('admin.mailboxes.check.ok', { protocol, detail: side.detail })
          : t('admin.mailboxes.check.failed', { protocol, detail: side.detail })}
      </Text>
    </List.Item>
  );
}

/** The answer of "Check connection" for one mailbox. */
export function MailboxCheckResult({
  address,
  result,
  onClose,
}: {
  address: string;
  result: MailboxCheck;
  onClose: () => void;
}) {
  const sides = [result.imap, result.smtp].filter((side): side is Side => side !== null);
  const failed = sides.some((side) => !side.ok);
  return (
    <Alert
      color={failed ? 'red' : 'teal'}
      variant="light"
      role={failed ? 'alert' : 'status'}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      title={t('admin.mailboxes.check.title', { address })}
    >
      {sides.length === 0 ? (
        <Text size="sm">{t('admin.mailboxes.check.nothing')}</Text>
      ) : (
        <List spacing="xs" center>
          {result.imap && <CheckLine protocol="IMAP" side={result.imap} />}
          {result.smtp && <CheckLine protocol="SMTP" side={result.smtp} />}
        </List>
      )}
    </Alert>
  );
}
