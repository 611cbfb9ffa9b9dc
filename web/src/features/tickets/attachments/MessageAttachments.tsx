import { Anchor, Group, Paper, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { MessageAttachment } from '../../../../../shared/schemas/tickets';
import '../../../i18n/en-attachments';
import { t } from '../../../i18n/translate';
import { formatBytes } from './format-bytes';

/** The image types the server serves inline (attachments.routes.ts); only these get a thumbnail. SVG never does. */
const thumbnailTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** The files on one message: name, size and a download link each; images with a small preview. */
export function MessageAttachments({ attachments }: { attachments: readonly MessageAttachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Group component="ul" gap="xs" mt="sm" aria-label={t('attachments.onMessage')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {attachments.map((attachment) => {
        const size = formatBytes(attachment.size);
        return (
          <Paper component="li" key={attachment.id} withBorder px="xs" py={4} radius="sm" maw="100%">
            <Group gap={8} wrap="nowrap">
              {thumbnailTypes.has(attachment.contentType) ? (
                <img src={attachment.url} alt="" width={40} height={40} loading="lazy" style={{ objectFit: 'cover', borderRadius: 4, flexShrink: 0 }} />
              ) : (
                <IconDownload size={16} aria-hidden style={{ flexShrink: 0 }} />
              )}
              <Anchor href={attachment.url} download={attachment.filename} size="sm" aria-label={t('attachments.download', { name: attachment.filename, size })} style={{ overflowWrap: 'anywhere' }}>
                {attachment.filename}
              </Anchor>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} aria-hidden>
                {size}
              </Text>
            </Group>
          </Paper>
        );
      })}
    </Group>
  );
}
