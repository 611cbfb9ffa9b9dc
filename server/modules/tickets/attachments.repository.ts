import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { AttachmentsTable } from './tickets.tables.js';

/** The only SQL of attachments. */

export type AttachmentRow = Selectable<AttachmentsTable>;

export async function insertAttachment(db: Executor, values: Insertable<AttachmentsTable>): Promise<AttachmentRow> {
  return db.insertInto('attachments').values(values).returningAll().executeTakeFirstOrThrow();
}

/** An attachment with what deciding its visibility needs: its ticket's facts and its message's flag. */
export async function findAttachmentWithContext(db: Executor, id: number) {
  return db
    .selectFrom('attachments')
    .innerJoin('tickets', 'tickets.id', 'attachments.ticketId')
    .leftJoin('ticketMessages', 'ticketMessages.id', 'attachments.messageId')
    .selectAll('attachments')
    .select(['tickets.requesterId', 'tickets.organizationId', 'tickets.teamId', 'tickets.assigneeId', 'ticketMessages.isInternal as messageIsInternal'])
    .where('attachments.id', '=', id)
    .executeTakeFirst();
}

export type AttachmentWithContext = NonNullable<Awaited<ReturnType<typeof findAttachmentWithContext>>>;

export async function listTicketAttachments(db: Executor, ticketId: number) {
  return db
    .selectFrom('attachments')
    .leftJoin('ticketMessages', 'ticketMessages.id', 'attachments.messageId')
    .selectAll('attachments')
    .select('ticketMessages.isInternal as messageIsInternal')
    .where('attachments.ticketId', '=', ticketId)
    .orderBy('attachments.id')
    .execute();
}

export async function findMessage(db: Executor, id: number) {
  return db.selectFrom('ticketMessages').select(['id', 'ticketId', 'authorId', 'isInternal', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** Sets the message of pending attachments; returns how many were still pending (a race loses). */
export async function linkToMessage(db: Executor, attachmentIds: readonly number[], messageId: number): Promise<number> {
  const result = await db
    .updateTable('attachments')
    .set({ messageId })
    .where('id', 'in', [...attachmentIds])
    .where('messageId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
