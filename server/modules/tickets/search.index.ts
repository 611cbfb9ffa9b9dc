import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { discardSearchIndexQueue } from './search.index-queue.js';

/**
 * Keeping `search_documents` in step with tickets, messages and attachments. One document per subject,
 * per message and per attachment name, carrying the internal flag of the text it copies (an
 * attachment is internal when its message is, and while no message carries it yet).
 *
 * Indexing a ticket is idempotent: rows are upserted and only rewritten when their text, ticket or
 * flag changed, so running it again (another instance reacting to the same event, the rebuild
 * command) costs a read and no FTS churn.
 */

const changed = sql<boolean>`search_documents.body <> excluded.body or search_documents.ticket_id <> excluded.ticket_id
  or search_documents.is_internal <> excluded.is_internal or search_documents.scope <> excluded.scope`;

/**
 * A document's scope (search.query.ts `documentScope`, which a test holds this to) from the `tickets` row in the
 * query and the document's internal flag.
 */
export function scopeOf(isInternal: Expression<unknown>): RawBuilder<string> {
  return sql<string>`coalesce('t' || tickets.team_id || ' ', '') || coalesce('a' || tickets.assignee_id || ' ', '') || 'r' || tickets.requester_id
    || coalesce(' o' || tickets.organization_id, '') || case when ${isInternal} then '' else ' pub' end`;
}

function upsert(db: Executor) {
  return db.insertInto('searchDocuments').columns(['ticketId', 'source', 'sourceId', 'isInternal', 'body', 'scope', 'updatedAt']);
}

/** Upserts that rewrite a document only when its text, ticket or flag changed. */
function refreshing<Q extends ReturnType<typeof upsert>>(query: Q) {
  return query.onConflict((oc) =>
    oc
      .columns(['source', 'sourceId'])
      .doUpdateSet((eb) => ({
        ticketId: eb.ref('excluded.ticketId'),
        isInternal: eb.ref('excluded.isInternal'),
        body: eb.ref('excluded.body'),
        scope: eb.ref('excluded.scope'),
        updatedAt: eb.ref('excluded.updatedAt'),
      }))
      .where(changed),
  );
}

/**
 * Each kind of document as rows for `search_documents` (in its column order), for the writers below to narrow: a
 * ticket's subject, its messages (not events) and its attachment names, an attachment internal when its message is
 * and while no message carries it yet.
 */
function subjectRows(db: Executor, at: string) {
  return db
    .selectFrom('tickets')
    .select(['tickets.id', sql.lit('subject').as('source'), 'tickets.id as sourceId', sql.lit(false).as('isInternal'), 'tickets.subject', scopeOf(sql.lit(false)).as('scope'), sql.val(at).as('updatedAt')]);
}

function messageRows(db: Executor, at: string) {
  return db
    .selectFrom('ticketMessages')
    .innerJoin('tickets', 'tickets.id', 'ticketMessages.ticketId')
    .select([
      'ticketMessages.ticketId',
      sql.lit('message').as('source'),
      'ticketMessages.id',
      'ticketMessages.isInternal',
      'ticketMessages.bodyText',
      scopeOf(sql.ref('ticket_messages.is_internal')).as('scope'),
      sql.val(at).as('updatedAt'),
    ])
    .where('ticketMessages.kind', '<>', 'event');
}

function attachmentRows(db: Executor, at: string) {
  return db
    .selectFrom('attachments')
    .innerJoin('tickets', 'tickets.id', 'attachments.ticketId')
    .leftJoin('ticketMessages', 'ticketMessages.id', 'attachments.messageId')
    .select((s) => [
      'attachments.ticketId',
      sql.lit('attachment').as('source'),
      'attachments.id',
      s.fn.coalesce('ticketMessages.isInternal', sql.lit(true)).as('isInternal'),
      'attachments.fileName',
      scopeOf(s.fn.coalesce('ticketMessages.isInternal', sql.lit(true))).as('scope'),
      sql.val(at).as('updatedAt'),
    ]);
}

/**
 * Writes the documents of one ticket (subject, messages, attachment names) and drops stale ones; a ticket that
 * was just created (`isNew`) has none to drop.
 */
// The writes of every ticket and message event, built once (reusable-query.ts): only the ids and the time change.
type ByTicket = { ticketId: number; at: string };
type ByMessage = { messageId: number; at: string };
const subjectOfTicket = reusableQuery<ByTicket, unknown>((db, v) => refreshing(upsert(db).expression(subjectRows(db, v.at).where('tickets.id', '=', v.ticketId))));
const messagesOfTicket = reusableQuery<ByTicket, unknown>((db, v) => refreshing(upsert(db).expression(messageRows(db, v.at).where('ticketMessages.ticketId', '=', v.ticketId))));
const attachmentsOfTicket = reusableQuery<ByTicket, unknown>((db, v) => refreshing(upsert(db).expression(attachmentRows(db, v.at).where('attachments.ticketId', '=', v.ticketId))));
const oneMessage = reusableQuery<ByMessage, unknown>((db, v) => refreshing(upsert(db).expression(messageRows(db, v.at).where('ticketMessages.id', '=', v.messageId))));
const attachmentsOfMessage = reusableQuery<ByMessage, unknown>((db, v) => refreshing(upsert(db).expression(attachmentRows(db, v.at).where('attachments.messageId', '=', v.messageId))));
const scopeOfTicketDocuments = reusableQuery<ByTicket, unknown>((db, v) =>
  db
    .updateTable('searchDocuments')
    .set((eb) => ({
      scope: eb.selectFrom('tickets').select(scopeOf(sql.ref('search_documents.is_internal')).as('scope')).whereRef('tickets.id', '=', 'searchDocuments.ticketId'),
      updatedAt: v.at,
    }))
    .where('ticketId', '=', v.ticketId),
);

export async function indexTicket(db: Executor, ticketId: number, at: string, isNew = false): Promise<void> {
  await inTransaction(db, async (tx) => {
    await subjectOfTicket.run(tx, { ticketId, at });
    await messagesOfTicket.run(tx, { ticketId, at });
    await attachmentsOfTicket.run(tx, { ticketId, at });
    if (isNew) return;
    // A message merged into another ticket is re-homed by that ticket's indexing; here only what is gone.
    await tx
      .deleteFrom('searchDocuments')
      .where('searchDocuments.ticketId', '=', ticketId)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('searchDocuments.source', '=', 'message'),
            eb(
              'searchDocuments.sourceId',
              'not in',
              eb.selectFrom('ticketMessages').select('ticketMessages.id').where('ticketMessages.ticketId', '=', ticketId).where('ticketMessages.kind', '<>', 'event'),
            ),
          ]),
          eb.and([
            eb('searchDocuments.source', '=', 'attachment'),
            eb('searchDocuments.sourceId', 'not in', eb.selectFrom('attachments').select('attachments.id').where('attachments.ticketId', '=', ticketId)),
          ]),
        ]),
      )
      .execute();
  });
}

/**
 * Rewrites the scope of every document of a ticket after its team, assignee, requester or organisation changed:
 * the text is the same, only who may find it moved.
 */
export async function refreshScope(db: Executor, ticketId: number, at: string): Promise<void> {
  await scopeOfTicketDocuments.run(db, { ticketId, at });
}

/**
 * Writes the document of one new message and of the attachments it carries: what a reply adds, without
 * re-reading the rest of the thread (whose documents did not change).
 */
export async function indexMessage(db: Executor, messageId: number, at: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await oneMessage.run(tx, { messageId, at });
    await attachmentsOfMessage.run(tx, { messageId, at });
  });
}

/**
 * Rebuilds every document from the tables it copies, in one transaction (the safety net behind the
 * event-driven updates: `linchpin reindex-search`). Returns the number of documents.
 */
export async function rebuildSearchIndex(db: Executor, dialect: Dialect, at: string): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx.deleteFrom('searchDocuments').execute();
    await upsert(tx).expression(subjectRows(tx, at)).execute();
    await upsert(tx).expression(messageRows(tx, at)).execute();
    await upsert(tx).expression(attachmentRows(tx, at)).execute();
    // The FTS5 index is derived from search_documents: rebuilding it repairs any drift from the triggers.
    if (dialect === 'sqlite') {
      await sql`insert into search_documents_fts(search_documents_fts) values ('rebuild')`.execute(tx);
      // The queued changes (the deletes and inserts above among them) are all in the rebuilt index.
      await discardSearchIndexQueue(tx);
    }
    const row = await tx.selectFrom('searchDocuments').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  });
}
