import { Avatar, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { initials } from '../../app/AccountButton';
import { useCurrentUser } from '../../app/use-session';
import { t } from '../../i18n/translate';
import { ErrorState } from '../../ui/ErrorState';
import { RelativeTime } from '../../ui/RelativeTime';
import { MessageAttachments } from '../tickets/attachments/MessageAttachments';
import { MessageBody } from '../tickets/MessageBody';
import { useMessages } from '../tickets/use-ticket';

/** The public conversation. The server never sends notes to requesters; we also never render one. */
export function PortalConversation({ ticketId }: { ticketId: number }) {
  const me = useCurrentUser();
  const messages = useMessages(ticketId);
  if (messages.isError) return <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />;
  if (messages.isPending) return <Skeleton height={140} radius="md" />;
  const visible = messages.data.filter((m) => !m.internal && m.kind !== 'note');
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('ticket.conversation')}>
      {visible.map((message) => {
        if (message.kind === 'event') {
          return (
            <Text component="li" key={message.id} size="xs" c="dimmed" ta="center">
              {message.bodyText} · <RelativeTime iso={message.createdAt} />
            </Text>
          );
        }
        const mine = message.author?.id === me.id;
        const name = mine ? t('portal.you') : (message.author?.name ?? t('portal.support'));
        return (
          <li key={message.id}>
            <Paper
              withBorder
              p="md"
              style={mine ? undefined : { borderLeft: '3px solid var(--mantine-primary-color-filled)' }}
              bg={mine ? undefined : 'var(--mantine-primary-color-light)'}
            >
              <Group gap="xs" mb={6} wrap="nowrap">
                {/* Initials of the person, also for "You". */}
                <Avatar size={26} radius="xl" color={mine ? 'gray' : 'harbour'} aria-hidden>
                  {initials(message.author?.name ?? name)}
                </Avatar>
                <Text fw={600} size="sm">
                  {name}
                </Text>
                <Text size="xs" c="dimmed">
                  <RelativeTime iso={message.createdAt} />
                </Text>
              </Group>
              <MessageBody message={message} />
              <MessageAttachments attachments={message.attachments} />
            </Paper>
          </li>
        );
      })}
    </Stack>
  );
}
