import type { Insertable } from 'kysely';
import type { LinkKind, MessageAttachment } from '../../../shared/schemas/tickets.js';
import type { Executor } from '../../platform/db/database.js';
import { reusableInsert, reusableQueryByShape } from '../../platform/db/reusable-query.js';
import type { MessageRow } from './tickets.presenter.js';
import type { TicketMessagesTable } from './tickets.tables.js';

/** SQL for what hangs off a ticket: messages, history, links and time entries. */

// Every message written runs it: built once per column list (reusable-query.ts).
const insertMessageRows = reusableInsert('ticketMessages', 'all');

export async function insertMessage(tx: Executor, values: Insertable<TicketMessagesTable>): Promise<MessageRow> {
  const [row] = await insertMessageRows<MessageRow>(tx, [values]);
  if (!row) throw new Error('The message insert returned no row.');
  return row;
}

/** One page of a ticket's conversation, oldest first; notes left out unless `includeInternal`. */
export async function listMessages(db: Executor, ticketId: number, options: { includeInternal: boolean; afterId: number | undefined; limit: number }): Promise<MessageRow[]> {
  let query = db.selectFrom('ticketMessages').selectAll().where('ticketId', '=', ticketId);
  if (!options.includeInternal) query = query.where('isInternal', '=', false);
  if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
  return query.orderBy('id').limit(options.limit).execute();
}

/** The files on a page of messages, in one query, grouped by message (oldest first). */
export async function attachmentsOfMessages(db: Executor, messageIds: readonly number[]): Promise<Map<number, MessageAttachment[]>> {
  const byMessage = new Map<number, MessageAttachment[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'messageId', 'fileName', 'contentType', 'sizeBytes'])
    .where('messageId', 'in', [...new Set(messageIds)])
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (row.messageId === null) continue;
    const list = byMessage.get(row.messageId) ?? [];
    list.push({ id: row.id, filename: row.fileName, contentType: row.contentType, size: Number(row.sizeBytes), url: `/api/v1/attachments/${row.id}` });
    byMessage.set(row.messageId, list);
  }
  return byMessage;
}

/** Moves attachments to another ticket (a requester's reply to a closed ticket becomes a new ticket, files and all). */
export async function moveAttachmentsToTicket(tx: Executor, attachmentIds: readonly number[], ticketId: number): Promise<void> {
  if (attachmentIds.length === 0) return;
  await tx.updateTable('attachments').set({ ticketId }).where('id', 'in', [...attachmentIds]).execute();
}

/** Keeps the ticket's "last activity" times without bumping its version (a message is not a field edit). */
const touchQuery = reusableQueryByShape((db, values: { ticketId: number; at: string }, activity: 'public' | 'internal') =>
  db
    .updateTable('tickets')
    .set(activity === 'public' ? { updatedAt: values.at, lastPublicActivityAt: values.at } : { updatedAt: values.at })
    .where('id', '=', values.ticketId),
);

export async function touchTicket(tx: Executor, ticketId: number, at: string, publicActivity: boolean): Promise<void> {
  await touchQuery.run(tx, publicActivity ? 'public' : 'internal', { ticketId, at });
}

export async function listHistory(db: Executor, ticketId: number, afterId: number | undefined, limit: number) {
  let query = db.selectFrom('ticketHistory').selectAll().where('ticketId', '=', ticketId);
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

/** Links of a ticket in both directions, with the other ticket's summary, in one query. */
export async function listLinks(db: Executor, ticketId: number) {
  const outgoing = db
    .selectFrom('ticketLinks')
    .innerJoin('tickets', 'tickets.id', 'ticketLinks.linkedTicketId')
    .select(['ticketLinks.id', 'ticketLinks.kind', 'ticketLinks.createdAt', 'tickets.id as otherId', 'tickets.ref', 'tickets.subject', 'tickets.status', 'tickets.requesterId', 'tickets.organizationId', 'tickets.teamId', 'tickets.assigneeId'])
    .select((eb) => eb.val(1).as('outgoing'))
    .where('ticketLinks.ticketId', '=', ticketId);
  const incoming = db
    .selectFrom('ticketLinks')
    .innerJoin('tickets', 'tickets.id', 'ticketLinks.ticketId')
    .select(['ticketLinks.id', 'ticketLinks.kind', 'ticketLinks.createdAt', 'tickets.id as otherId', 'tickets.ref', 'tickets.subject', 'tickets.status', 'tickets.requesterId', 'tickets.organizationId', 'tickets.teamId', 'tickets.assigneeId'])
    .select((eb) => eb.val(0).as('outgoing'))
    .where('ticketLinks.linkedTicketId', '=', ticketId);
  const rows = await outgoing.unionAll(incoming).execute();
  return rows.sort((a, b) => a.id - b.id).map((row) => ({ ...row, outgoing: Number(row.outgoing) === 1 }));
}

export async function findLink(db: Executor, ticketId: number, linkedTicketId: number, kind: LinkKind) {
  return db
    .selectFrom('ticketLinks')
    .selectAll()
    .where('ticketId', '=', ticketId)
    .where('linkedTicketId', '=', linkedTicketId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function insertLink(tx: Executor, values: { ticketId: number; linkedTicketId: number; kind: LinkKind; createdById: number | null; createdAt: string }) {
  return tx.insertInto('ticketLinks').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findLinkById(db: Executor, id: number) {
  return db.selectFrom('ticketLinks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteLink(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('ticketLinks').where('id', '=', id).execute();
}

export async function listTimeEntries(db: Executor, ticketId: number) {
  return db.selectFrom('ticketTimeEntries').selectAll().where('ticketId', '=', ticketId).orderBy('id').execute();
}

export async function insertTimeEntry(tx: Executor, values: { ticketId: number; agentId: number; minutes: number; note: string; workedAt: string; createdAt: string }) {
  return tx.insertInto('ticketTimeEntries').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Merge: the conversation (and its attachments and search entries) moves to the target ticket. */
export async function moveConversation(tx: Executor, fromTicketId: number, toTicketId: number): Promise<number> {
  const moved = await tx
    .updateTable('ticketMessages')
    .set({ ticketId: toTicketId, movedFromTicketId: fromTicketId })
    .where('ticketId', '=', fromTicketId)
    .executeTakeFirst();
  await tx.updateTable('attachments').set({ ticketId: toTicketId }).where('ticketId', '=', fromTicketId).execute();
  await tx
    .updateTable('searchDocuments')
    .set({ ticketId: toTicketId })
    .where('ticketId', '=', fromTicketId)
    .where('source', 'in', ['message', 'attachment'])
    .execute();
  return Number(moved.numUpdatedRows);
}
