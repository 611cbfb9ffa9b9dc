import { Avatar, Badge, Group, Paper, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { Message } from '../../../api/tickets';
import { t } from '../../../i18n/translate';
import { RelativeTime } from '../../../ui/RelativeTime';
import { MessageAttachments } from '../../tickets/attachments/MessageAttachments';
import { MessageBody } from '../../tickets/MessageBody';

/**
 * One entry of the conversation. Internal notes must be impossible to mistake for something the
 * requester sees: yellow paper, a dashed amber border and a lock label.
 */
export function MessageItem({ message }: { message: Message }) {
  if (message.kind === 'event') {
    return (
      <Text component="li" size="xs" c="dimmed" ta="center" py={2}>
        {message.bodyText} · <RelativeTime iso={message.createdAt} />
      </Text>
    );
  }
  const note = message.internal || message.kind === 'note';
  const fromAgent = message.kind === 'reply';
  const name = message.author?.name ?? t('ticket.system');
  return (
    <li data-message-kind={note ? 'note' : message.kind}>
      <Paper
        p="md"
        withBorder
        bg={note ? 'var(--mantine-color-yellow-light)' : fromAgent ? 'var(--mantine-primary-color-light)' : undefined}
        style={note ? { borderColor: 'var(--mantine-color-yellow-filled)', borderStyle: 'dashed', borderWidth: 2 } : undefined}
      >
        <Group gap="xs" mb={8} wrap="wrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Avatar size={28} radius="xl" color={note ? 'yellow' : fromAgent ? 'harbour' : 'gray'}>
              {name.slice(0, 1)}
            </Avatar>
            <Text fw={600} size="sm" truncate>
              {name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              <RelativeTime iso={message.createdAt} />
            </Text>
          </Group>
          {note ? (
            <Badge color="yellow" variant="filled" leftSection={<IconLock size={12} />} styles={{ label: { textTransform: 'none', color: 'var(--mantine-color-black)' } }}>
              {t('ticket.internalNote')}
            </Badge>
          ) : (
            <Badge color="gray" variant="outline" size="sm" styles={{ label: { textTransform: 'none' } }}>
              {message.kind === 'reply' ? t('ticket.publicReply') : t(`channel.${(['portal', 'email', 'phone', 'api'].includes(message.channel) ? message.channel : 'portal') as 'portal'}`)}
            </Badge>
          )}
        </Group>
        <MessageBody message={message} />
        <MessageAttachments attachments={message.attachments} />
      </Paper>
    </li>
  );
}
