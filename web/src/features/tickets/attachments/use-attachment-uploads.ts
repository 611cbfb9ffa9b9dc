import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../../../../shared/schemas/ticket-extras';
import { ApiError, errorMessage } from '../../../api/api-error';
import { uploadFile } from '../../../api/upload';
import '../../../i18n/en-attachments';
import { t } from '../../../i18n/translate';
import { formatBytes } from './format-bytes';

/** The server's own cap on files per message (CreateMessageBodySchema.attachmentIds). */
export const maxAttachmentsPerMessage = 20;

export type PendingUploadState = 'uploading' | 'uploaded' | 'failed';

/** A file chosen for the next message: uploading, uploaded (pending on the server until sent), or refused. */
export interface PendingUpload {
  key: number;
  fileName: string;
  size: number;
  state: PendingUploadState;
  /** 0 to 1 while uploading. */
  progress: number;
  attachmentId?: number;
  error?: string;
}

/** The sentence for a refused file; "too large" names the server's limit. */
function refusal(fileName: string, error: unknown): string {
  if (error instanceof ApiError && error.code === 'payload_too_large') {
    const maxBytes = (error.details as { maxBytes?: unknown } | undefined)?.maxBytes;
    if (typeof maxBytes === 'number') return t('attachments.tooLarge', { name: fileName, limit: formatBytes(maxBytes) });
  }
  return t('attachments.failed', { name: fileName, reason: errorMessage(error) });
}

/**
 * Files for the next message on a ticket: each uploads as soon as it is chosen, so sending only links
 * the ids. Removing a file cancels its upload; an already uploaded one stays pending on the server,
 * visible to its uploader alone, and is never put on a message.
 */
export function useAttachmentUploads(ticketId: number) {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const nextKey = useRef(1);
  const controllers = useRef(new Map<number, AbortController>());
  const count = useRef(0);
  count.current = uploads.filter((upload) => upload.state !== 'failed').length;

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const patch = useCallback((key: number, change: Partial<PendingUpload>) => {
    setUploads((list) => list.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      const chosen = [...files];
      const room = Math.max(0, maxAttachmentsPerMessage - count.current);
      setNotice(chosen.length > room ? t('attachments.tooMany', { count: maxAttachmentsPerMessage }) : null);
      for (const file of chosen.slice(0, room)) {
        const key = nextKey.current++;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        count.current += 1;
        setUploads((list) => [...list, { key, fileName: file.name, size: file.size, state: 'uploading', progress: 0 }]);
        uploadFile<Attachment>(`/api/v1/tickets/${ticketId}/attachments`, file, {
          signal: controller.signal,
          onProgress: (progress) => patch(key, { progress }),
        })
          .then((attachment) => patch(key, { state: 'uploaded', progress: 1, attachmentId: attachment.id }))
          .catch((error: unknown) => {
            if (error instanceof DOMException && error.name === 'AbortError') return;
            patch(key, { state: 'failed', error: refusal(file.name, error) });
          })
          .finally(() => controllers.current.delete(key));
      }
    },
    [ticketId, patch],
  );

  const remove = useCallback((key: number) => {
    controllers.current.get(key)?.abort();
    setUploads((list) => list.filter((upload) => upload.key !== key));
    setNotice(null);
  }, []);

  /** After the message went out: its files are on it now. */
  const clear = useCallback(() => {
    setUploads([]);
    setNotice(null);
  }, []);

  const attachmentIds = uploads.flatMap((upload) => (upload.state === 'uploaded' && upload.attachmentId !== undefined ? [upload.attachmentId] : []));
  const uploading = uploads.some((upload) => upload.state === 'uploading');
  return { uploads, notice, add, remove, clear, attachmentIds, uploading };
}

export type AttachmentUploads = ReturnType<typeof useAttachmentUploads>;
