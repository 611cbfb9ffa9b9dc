import { Alert, Anchor, Button, Group, Paper, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { notify } from '../../ui/notify';
import { IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'wouter';
import { useNavigate } from '../../app/navigation';
import { errorMessage } from '../../api/api-error';
import { t } from '../../i18n/translate';
import { ErrorState } from '../../ui/ErrorState';
import { textToHtml } from '../../ui/text-to-html';
import { AttachmentPicker } from '../tickets/attachments/AttachmentPicker';
import { DropOverlay } from '../tickets/attachments/DropOverlay';
import { useAttachmentUploads } from '../tickets/attachments/use-attachment-uploads';
import { useFileDrop } from '../tickets/attachments/use-file-drop';
import { usePostMessage, useTicket, useUpdateTicket } from '../tickets/use-ticket';
import { PortalConversation } from './PortalConversation';
import { PortalStatus } from './PortalStatus';

export function PortalTicketPage() {
  const id = Number(useParams().id);
  const ticket = useTicket(id);
  const update = useUpdateTicket(id);
  const post = usePostMessage(id);
  const navigate = useNavigate();
  const [reply, setReply] = useState('');
  const files = useAttachmentUploads(id);
  const { dragging, dropHandlers } = useFileDrop(files.add);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!reply.trim() || files.uploading) return;
    try {
      const result = await post.mutateAsync({ body: textToHtml(reply), attachmentIds: files.attachmentIds.length > 0 ? files.attachmentIds : undefined });
      setReply('');
      files.clear();
      // The request was closed: the reply started a new one, which is where it can be followed.
      if (result.ticket.id !== id) {
        notify({ color: 'teal', message: t('portal.followUpOpened', { reference: result.ticket.reference }) });
        navigate(`/portal/tickets/${result.ticket.id}`);
      }
    } catch {
      // shown below the composer
    }
  }

  async function setStatus(status: 'resolved' | 'open') {
    try {
      await update.mutateAsync({ status });
      notify({ color: 'teal', message: status === 'resolved' ? t('portal.solvedDone') : t('portal.reopened') });
    } catch (caught) {
      notify({ color: 'red', message: errorMessage(caught) });
    }
  }

  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const data = ticket.data;
  const finished = data?.status === 'resolved' || data?.status === 'closed';

  return (
    <Stack p={{ base: 'md', sm: 'xl' }} gap="lg">
      <div>
        <Anchor component={Link} to="/portal" size="sm">
          ← {t('portal.myTickets')}
        </Anchor>
        {data ? (
          <>
            <Title order={1} size="h2" mt={4} style={{ overflowWrap: 'anywhere' }}>
              {data.subject}
            </Title>
            <Group gap="xs" mt={6}>
              <PortalStatus status={data.status} />
              <Text size="sm" c="dimmed">
                {data.reference} · {data.assignee ? t('portal.assignedTo', { name: data.assignee.name }) : t('portal.notAssigned')}
              </Text>
            </Group>
          </>
        ) : (
          <Skeleton height={56} mt={4} />
        )}
      </div>
      {data && !finished && (
        <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
          <Group justify="space-between" gap="sm">
            <Text size="sm">{t('portal.solvedQuestion')}</Text>
            <Button size="xs" variant="light" color="teal" leftSection={<IconCircleCheck size={16} />} loading={update.isPending} onClick={() => void setStatus('resolved')}>
              {t('portal.solved')}
            </Button>
          </Group>
        </Paper>
      )}
      {data?.status === 'resolved' && (
        <Paper withBorder p="sm">
          <Group justify="space-between" gap="sm">
            <Text size="sm">{t('portal.resolvedNote')}</Text>
            <Button size="xs" variant="default" leftSection={<IconRefresh size={16} />} loading={update.isPending} onClick={() => void setStatus('open')}>
              {t('portal.reopen')}
            </Button>
          </Group>
        </Paper>
      )}
      <PortalConversation ticketId={id} />
      <Paper withBorder p={{ base: 'sm', sm: 'md' }} pos="relative" {...dropHandlers}>
        {dragging && <DropOverlay />}
        <form onSubmit={(event) => void send(event)}>
          <Stack gap="sm">
            {data?.status === 'closed' && <Alert variant="light">{t('portal.closedNote')}</Alert>}
            <Textarea label={t('portal.reply')} placeholder={t('portal.replyPlaceholder')} autosize minRows={3} value={reply} onChange={(e) => setReply(e.currentTarget.value)} />
            <AttachmentPicker files={files} />
            {post.isError && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(post.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={post.isPending} disabled={!reply.trim() || files.uploading}>
                {t('portal.reply')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
