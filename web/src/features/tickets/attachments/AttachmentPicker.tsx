import { Button, CloseButton, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFile, IconPaperclip } from '@tabler/icons-react';
import { useId, useState } from 'react';
import '../../../i18n/en-attachments';
import { t } from '../../../i18n/translate';
import { formatBytes } from './format-bytes';
import type { AttachmentUploads, PendingUpload } from './use-attachment-uploads';

/** Hidden from sight, not from the keyboard or a screen reader: the real file input keeps its focus. */
const visuallyHidden = { position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;

function UploadChip({ upload, onRemove }: { upload: PendingUpload; onRemove: () => void }) {
  const percent = Math.round(upload.progress * 100);
  const failed = upload.state === 'failed';
  return (
    <Paper component="li" withBorder px="xs" py={4} radius="sm" data-upload-state={upload.state} style={failed ? { borderColor: 'var(--mantine-color-red-filled)' } : undefined}>
      <Group gap={6} wrap="nowrap">
        {upload.state === 'uploading' ? (
          <Loader size={14} aria-hidden />
        ) : failed ? (
          <IconAlertTriangle size={14} color="var(--mantine-color-red-text)" aria-hidden />
        ) : (
          <IconFile size={14} aria-hidden />
        )}
        <Text size="sm" truncate maw={220}>
          {upload.fileName}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {upload.state === 'uploading' ? `${percent}%` : formatBytes(upload.size)}
        </Text>
        <CloseButton size="sm" aria-label={t('attachments.remove', { name: upload.fileName })} onClick={onRemove} />
      </Group>
      {failed && (
        <Text size="xs" c="red" role="alert">
          {upload.error}
        </Text>
      )}
      {upload.state === 'uploading' && (
        <span style={visuallyHidden} role="status">
          {t('attachments.uploading', { name: upload.fileName, percent })}
        </span>
      )}
    </Paper>
  );
}

/** The "Attach files" button (a real, labelled file input) and the chosen files as removable chips. */
export function AttachmentPicker({ files, disabled }: { files: AttachmentUploads; disabled?: boolean }) {
  const inputId = useId();
  const [focused, setFocused] = useState(false);
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <input
          id={inputId}
          type="file"
          multiple
          disabled={disabled}
          style={visuallyHidden}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onChange={(event) => {
            const chosen = Array.from(event.currentTarget.files ?? []);
            // Cleared so that choosing the same file again (after removing it) fires once more.
            event.currentTarget.value = '';
            if (chosen.length > 0) files.add(chosen);
          }}
        />
        <Button
          component="label"
          htmlFor={inputId}
          variant="default"
          size="xs"
          leftSection={<IconPaperclip size={14} aria-hidden />}
          disabled={disabled}
          style={focused ? { outline: '2px solid var(--mantine-primary-color-filled)', outlineOffset: 2 } : undefined}
        >
          {t('attachments.attach')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('attachments.dropHint')}
        </Text>
      </Group>
      {files.uploads.length > 0 && (
        <Group component="ul" gap={6} aria-label={t('attachments.pending')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {files.uploads.map((upload) => (
            <UploadChip key={upload.key} upload={upload} onRemove={() => files.remove(upload.key)} />
          ))}
        </Group>
      )}
      {files.notice && (
        <Text size="xs" c="red" role="alert">
          {files.notice}
        </Text>
      )}
    </Stack>
  );
}
