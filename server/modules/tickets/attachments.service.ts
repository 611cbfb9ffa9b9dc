import type { Readable } from 'node:stream';
import type { Attachment } from '../../../shared/schemas/ticket-extras.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, Executor } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { canSeeTicket, ticketScope, type Actor, type TicketScope } from '../identity/index.js';
import {
  findAttachmentWithContext,
  findMessage,
  insertAttachment,
  linkToMessage,
  listTicketAttachments,
  type AttachmentRow,
} from './attachments.repository.js';
import { UploadTooLargeError, type AttachmentStore } from './attachments.storage.js';
import { assertUsesTickets } from './ticket-access.js';
import { findVisibleTicket } from './tickets.repository.js';

export interface Upload {
  fileName: string | undefined;
  contentType: string | undefined;
  stream: Readable;
  /** The multipart parser's verdict that it cut the file at the size limit. */
  isTruncated: () => boolean;
}

const contentTypePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** What the browser said the file is, when it is a well-formed media type; the bytes are never sniffed. */
function safeContentType(declared: string | undefined): string {
  const value = (declared ?? '').toLowerCase().split(';')[0]!.trim();
  return contentTypePattern.test(value) ? value : 'application/octet-stream';
}

/** The last path segment, without control characters, at most 255 characters. */
export function safeFileName(declared: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const base = (declared ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(0, 255) || 'attachment';
}

export function presentAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    ticketId: row.ticketId,
    messageId: row.messageId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    url: `/api/v1/attachments/${row.id}`,
    createdAt: row.createdAt,
  };
}

/**
 * An attachment is visible with its message: to whoever sees the ticket, except that an internal
 * note's attachments are for the desk only. One not yet on a message is visible to its uploader and
 * the desk (it may be about to go on a note), never to a requester who did not upload it.
 */
function mayRead(scope: TicketScope, actorId: number, row: { messageId: number | null; messageIsInternal: boolean | number | null; uploadedById: number | null }): boolean {
  if (row.messageId === null) return row.uploadedById === actorId || scope.seesInternalNotes;
  return !row.messageIsInternal || scope.seesInternalNotes;
}

/**
 * Puts pending uploads on a message, in the caller's transaction (the message service calls this
 * with the message it just wrote). Each must be on the same ticket, uploaded by the same person and
 * not already on a message; otherwise nothing is linked and the reason is a 400.
 */
export async function linkAttachments(tx: Executor, input: { ticketId: number; messageId: number; uploaderId: number; attachmentIds: readonly number[] }): Promise<void> {
  const ids = [...new Set(input.attachmentIds)];
  if (ids.length === 0) return;
  const rows = await tx.selectFrom('attachments').select(['id', 'ticketId', 'messageId', 'uploadedById']).where('id', 'in', ids).execute();
  const usable = new Set(rows.filter((r) => r.ticketId === input.ticketId && r.messageId === null && r.uploadedById === input.uploaderId).map((r) => r.id));
  const refused = ids.filter((id) => !usable.has(id));
  if (refused.length > 0) {
    throw new ValidationError('invalid_field', `Attachments ${refused.join(', ')} are not your pending uploads on this ticket.`, { field: 'attachmentIds', attachmentIds: refused });
  }
  if ((await linkToMessage(tx, ids, input.messageId)) !== ids.length) {
    throw new ValidationError('invalid_field', 'An attachment was put on another message meanwhile.', { field: 'attachmentIds' });
  }
}

export function createAttachmentsService(deps: { database: Database; clock: Clock; events: EventBus; store: AttachmentStore; maxBytes: number }) {
  const { database, clock, events, store, maxBytes } = deps;
  const db = database.db;

  async function visibleTicket(actor: Actor, ticketId: number) {
    assertUsesTickets(actor);
    const ticket = await findVisibleTicket(db, ticketId, ticketScope(actor));
    if (!ticket) throw new NotFoundError(`Ticket ${ticketId} does not exist.`, { ticketId });
    return ticket;
  }

  async function readable(actor: Actor, id: number) {
    assertUsesTickets(actor);
    const scope = ticketScope(actor);
    const row = await findAttachmentWithContext(db, id);
    // Invisible and missing look the same: a requester cannot probe for a note's attachments.
    if (!row || !canSeeTicket(scope, row) || !mayRead(scope, actor.userId, row)) {
      throw new NotFoundError(`Attachment ${id} does not exist.`, { attachmentId: id });
    }
    return row;
  }

  return {
    /** Stores the file (once per content) and records it on the ticket, pending a message. */
    async upload(actor: Actor, ticketId: number, receive: () => Promise<Upload | undefined>): Promise<Attachment> {
      const ticket = await visibleTicket(actor, ticketId);
      // The body is read only once we know the caller may add to this ticket.
      const upload = await receive();
      if (!upload) throw new ValidationError('unreadable_upload', 'The request carries no file; send one file field as multipart/form-data.');
      let stored;
      try {
        stored = await store.save(upload.stream, maxBytes, upload.isTruncated);
      } catch (error) {
        if (error instanceof UploadTooLargeError || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('payload_too_large', `The file is larger than the limit of ${maxBytes} bytes.`, { maxBytes });
        }
        throw new ValidationError('unreadable_upload', 'The upload could not be read; send it again as multipart/form-data.');
      }
      const row = await insertAttachment(db, {
        ticketId: ticket.id,
        messageId: null,
        sha256: stored.sha256,
        sizeBytes: stored.sizeBytes,
        contentType: safeContentType(upload.contentType),
        fileName: safeFileName(upload.fileName),
        contentId: null,
        isInline: false,
        uploadedById: actor.userId,
        createdAt: clock.now().toISOString(),
      });
      return presentAttachment(row);
    },

    async list(actor: Actor, ticketId: number): Promise<Attachment[]> {
      const ticket = await visibleTicket(actor, ticketId);
      const scope = ticketScope(actor);
      const rows = await listTicketAttachments(db, ticket.id);
      return rows.filter((row) => mayRead(scope, actor.userId, row)).map(presentAttachment);
    },

    /** The row and its file, for download. */
    async open(actor: Actor, id: number) {
      const row = await readable(actor, id);
      return { attachment: presentAttachment(row), stream: store.open(row.sha256) };
    },

    /** Puts a pending upload on a message the caller wrote on the same ticket. */
    async attachToMessage(actor: Actor, id: number, messageId: number): Promise<Attachment> {
      const row = await readable(actor, id);
      const message = await findMessage(db, messageId);
      if (!message || message.ticketId !== row.ticketId || message.authorId !== actor.userId) {
        throw new ValidationError('invalid_field', `Message ${messageId} is not one of yours on this ticket.`, { field: 'messageId' });
      }
      await linkAttachments(db, { ticketId: row.ticketId, messageId, uploaderId: actor.userId, attachmentIds: [id] });
      // The search index learns the file name (and its note's flag) from this event.
      await events.publish({ type: 'attachment.linked', occurredAt: clock.now().toISOString(), actorId: actor.userId, payload: { ticketId: row.ticketId, attachmentId: id, messageId } });
      return presentAttachment((await readable(actor, id)) as AttachmentRow);
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
