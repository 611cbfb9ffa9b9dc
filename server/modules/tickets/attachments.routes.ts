import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttachmentListSchema, AttachmentSchema, AttachToMessageBodySchema } from '../../../shared/schemas/ticket-extras.js';
import { AppError, ValidationError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { AttachmentsService, Upload } from './attachments.service.js';

const ticketParams = z.object({ id: z.coerce.number().int().positive() });
const attachmentParams = z.object({ id: z.coerce.number().int().positive() });
/** Images a browser shows without running anything; SVG is not one of them (it can carry script). */
const inlineTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Room for the multipart boundaries and headers around the file itself. */
const multipartOverheadBytes = 64 * 1024;

/** RFC 6266: an ASCII fallback plus the exact name in RFC 5987 encoding. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

async function receiveFile(request: FastifyRequest): Promise<Upload | undefined> {
  let part;
  try {
    part = await request.file();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_REQ_FILE_TOO_LARGE') throw error;
    throw new ValidationError('unreadable_upload', 'The upload could not be read; send it again as multipart/form-data.');
  }
  if (!part) return undefined;
  return { fileName: part.filename, contentType: part.mimetype, stream: part.file, isTruncated: () => part.file.truncated };
}

/** Attachments: multipart upload (in its own scope, so the multipart parser serves these routes only) and download. */
export function registerAttachmentRoutes(http: HttpServer, attachments: AttachmentsService, maxBytes: number): void {
  // Loaded with the other plugins when the server gets ready; a failure surfaces there.
  void http.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20, fieldSize: 1024 },
      throwFileSizeLimit: true,
    });
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/v1/tickets/:id/attachments',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['attachments'],
          summary: 'Upload one file (multipart/form-data) to a ticket; put it on a message with PATCH /api/v1/attachments/{id}',
          consumes: ['multipart/form-data'],
          params: ticketParams,
          response: { 201: AttachmentSchema },
        },
      },
      async (request, reply) => {
        // Refused before a byte is read when the declared size already says too large.
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes + multipartOverheadBytes) {
          throw new AppError('payload_too_large', `The file is larger than the limit of ${maxBytes} bytes.`, { maxBytes });
        }
        const attachment = await attachments.upload(request.actor!, request.params.id, () => receiveFile(request));
        return reply.code(201).send(attachment);
      },
    );

    app.get(
      '/api/v1/tickets/:id/attachments',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['attachments'], summary: "A ticket's attachments the caller may see", params: ticketParams, response: { 200: AttachmentListSchema } },
      },
      async (request) => ({ items: await attachments.list(request.actor!, request.params.id) }),
    );

    app.get(
      '/api/v1/attachments/:id',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['attachments'], summary: 'Download an attachment (404 unless its message is visible to the caller)', params: attachmentParams },
      },
      async (request, reply) => {
        const { attachment, stream } = await attachments.open(request.actor!, request.params.id);
        const inline = inlineTypes.has(attachment.contentType);
        return reply
          .header('content-type', attachment.contentType)
          .header('content-length', String(attachment.sizeBytes))
          .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.fileName))
          .header('x-content-type-options', 'nosniff')
          // Even if a browser renders it, the file runs nothing and reaches nothing.
          .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
          .header('cache-control', 'private, max-age=0, must-revalidate')
          .header('etag', `"${attachment.sha256}"`)
          .send(stream);
      },
    );

    app.patch(
      '/api/v1/attachments/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['attachments'],
          summary: 'Put a pending upload on a message you wrote on the same ticket',
          params: attachmentParams,
          body: AttachToMessageBodySchema,
          response: { 200: AttachmentSchema },
        },
      },
      async (request) => attachments.attachToMessage(request.actor!, request.params.id, request.body.messageId),
    );
  });
}
