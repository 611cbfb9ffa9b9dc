import { Button, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notify } from '../../../ui/notify';
import { IconLock, IconSend } from '@tabler/icons-react';
import { forwardRef, useImperativeHandle, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/api-error';
import type { Ticket } from '../../../api/tickets';
import { t } from '../../../i18n/translate';
import { textToHtml } from '../../../ui/text-to-html';
import { AttachmentPicker } from '../../tickets/attachments/AttachmentPicker';
import { DropOverlay } from '../../tickets/attachments/DropOverlay';
import { useAttachmentUploads } from '../../tickets/attachments/use-attachment-uploads';
import { useFileDrop } from '../../tickets/attachments/use-file-drop';
import { usePostMessage } from '../../tickets/use-ticket';

export interface ComposerHandle {
  focus: (mode: 'reply' | 'note') => void;
}

/** One composer for both: the mode switch changes colour, label and button so a note is never sent by mistake. */
interface ComposerProps {
  ticket: Ticket;
  /** Called on each keystroke with text in the field, and when the field empties or the message is sent. */
  onTyping?: () => void;
  onStoppedTyping?: () => void;
}

export const Composer = forwardRef<ComposerHandle, ComposerProps>(function Composer({ ticket, onTyping, onStoppedTyping }, ref) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const post = usePostMessage(ticket.id);
  const files = useAttachmentUploads(ticket.id);
  const { dragging, dropHandlers } = useFileDrop(files.add);
  useImperativeHandle(ref, () => ({
    focus: (next) => {
      setMode(next);
      area.current?.focus();
    },
  }));
  const note = mode === 'note';

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim() || files.uploading) return;
    try {
      await post.mutateAsync({ body: textToHtml(text), internal: note, attachmentIds: files.attachmentIds.length > 0 ? files.attachmentIds : undefined });
      setText('');
      files.clear();
      onStoppedTyping?.();
      notify({ color: 'teal', message: note ? t('ticket.noteAdded') : t('ticket.replySent') });
    } catch {
      // shown under the field
    }
  }

  return (
    <Paper
      withBorder
      p="sm"
      bg={note ? 'var(--mantine-color-yellow-light)' : undefined}
      pos="relative"
      style={note ? { borderColor: 'var(--mantine-color-yellow-filled)', borderStyle: 'dashed', borderWidth: 2 } : undefined}
      {...dropHandlers}
    >
      {dragging && <DropOverlay />}
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="xs">
          <Group justify="space-between">
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={(value) => setMode(value as 'reply' | 'note')}
              data={[
                { value: 'reply', label: t('ticket.publicReply') },
                { value: 'note', label: t('ticket.internalNote') },
              ]}
              aria-label={t('ticket.composerMode')}
            />
            {note && (
              <Group gap={4}>
                <IconLock size={14} aria-hidden />
                <Text size="xs" fw={600}>
                  {t('ticket.internalNoteHint')}
                </Text>
              </Group>
            )}
          </Group>
          <Textarea
            ref={area}
            aria-label={note ? t('ticket.internalNote') : t('ticket.publicReply')}
            placeholder={note ? t('ticket.notePlaceholder') : t('ticket.replyPlaceholder')}
            autosize
            minRows={3}
            maxRows={14}
            value={text}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setText(value);
              if (value.trim()) onTyping?.();
              else onStoppedTyping?.();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit();
              if (e.key === 'Escape') e.currentTarget.blur();
            }}
          />
          <AttachmentPicker files={files} />
          {post.isError && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(post.error)}
            </Text>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('ticket.sendHint')}
            </Text>
            <Button type="submit" color={note ? 'yellow' : undefined} c={note ? 'black' : undefined} leftSection={note ? <IconLock size={16} /> : <IconSend size={16} />} loading={post.isPending} disabled={!text.trim() || files.uploading}>
              {note ? t('ticket.addNote') : t('ticket.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
});
