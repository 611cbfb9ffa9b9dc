import { Skeleton, Stack, Text } from '@mantine/core';
import { t } from '../../../i18n/translate';
import { ErrorState } from '../../../ui/ErrorState';
import { useMessages } from '../../tickets/use-ticket';
import { MessageItem } from './MessageItem';

export function Conversation({ ticketId }: { ticketId: number }) {
  const messages = useMessages(ticketId);
  if (messages.isError) return <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />;
  if (messages.isPending) return <Skeleton height={160} radius="md" />;
  if (messages.data.length === 0) return <Text c="dimmed">{t('ticket.noMessages')}</Text>;
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('ticket.conversation')}>
      {messages.data.map((message) => (
        <MessageItem key={message.id} message={message} />
      ))}
    </Stack>
  );
}
