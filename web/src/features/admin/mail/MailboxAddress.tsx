import { Stack, Text } from '@mantine/core';
import type { Mailbox } from '../../../api/mail';

/** The address people write to, with the name replies go out under. */
export function MailboxAddress({ mailbox }: { mailbox: Mailbox }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} style={{ overflowWrap: 'break-word' }}>
        {mailbox.address}
      </Text>
      {mailbox.displayName && (
        <Text size="xs" c="dimmed">
          {mailbox.displayName}
        </Text>
      )}
    </Stack>
  );
}
