import type { Insertable, Selectable } from 'kysely';
import type { MailFailureReason, RawMessageStatus } from '../../../shared/schemas/mail.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { cachedReference } from '../../platform/db/reference-cache.js';
import { reusableInsert, reusableQuery } from '../../platform/db/reusable-query.js';
import type { MailboxesTable, MailInboundStatusTable, MailRawMessagesTable } from './mail.tables.js';
import { worksTickets } from '../identity/index.js';

/** The only SQL of the mail channel's intake side. */
export type MailboxRow = Selectable<MailboxesTable>;
export type RawMessageRow = Selectable<MailRawMessagesTable>;

export async function findMailboxesByAddress(db: Executor, addresses: readonly string[]): Promise<readonly MailboxRow[]> {
  if (addresses.length === 0) return [];
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  return (await allMailboxes(db)).filter((mailbox) => wanted.has(mailbox.address));
}

export async function findMailbox(db: Executor, id: number): Promise<MailboxRow | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every mailbox (a handful of rows), asked for by every mail and every SMTP recipient: kept in memory (see reference-cache.ts). */
export async function allMailboxes(db: Executor): Promise<readonly MailboxRow[]> {
  return cachedReference(db, 'mailboxes', () => db.selectFrom('mailboxes').selectAll().execute());
}

/**
 * Known Message-IDs among `candidates` (ours and received), each with its ticket, and for mail we sent its recipient
 * (null for mail we received, or sent before recipients were kept).
 */
export async function findThreadedMail(db: Executor, candidates: readonly string[]): Promise<Map<string, { ticketId: number; recipientId: number | null }>> {
  if (candidates.length === 0) return new Map();
  const rows = await db.selectFrom('mailMessageIds').select(['messageId', 'ticketId', 'recipientId']).where('messageId', 'in', [...candidates]).execute();
  return new Map(rows.map((row) => [row.messageId, { ticketId: Number(row.ticketId), recipientId: row.recipientId === null ? null : Number(row.recipientId) }]));
}

// Every mail runs these: built once (reusable-query.ts).
const knownInbound = reusableQuery((db, values: { messageId: string }) =>
  db.selectFrom('mailMessageIds').select('messageId').where('messageId', '=', values.messageId).where('direction', '=', 'in'),
);
type MessageIdRow = { messageId: string; ticketId: number; ticketMessageId: number | null; direction: 'in' | 'out'; recipientId?: number | null; createdAt: string };
const insertMessageIds = reusableInsert('mailMessageIds', 'none', { skipConflictOn: 'messageId' });
const insertRawMessageRows = reusableInsert('mailRawMessages', 'all');
const countSenderQuery = reusableQuery((db, values: { sender: string; windowStart: string }) =>
  db
    .insertInto('mailSenderCounts')
    .values({ sender: values.sender, windowStart: values.windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['sender', 'windowStart']).doUpdateSet((eb) => ({ count: eb('mailSenderCounts.count', '+', 1) })))
    .returning('count'),
);

export async function isKnownInboundMessageId(db: Executor, messageId: string): Promise<boolean> {
  return (await knownInbound.run(db, { messageId })).rows.length > 0;
}

/** Maps Message-IDs to their tickets; one already known keeps its ticket. */
export async function rememberMessageId(tx: Executor, ...rows: MessageIdRow[]): Promise<void> {
  await insertMessageIds(tx, rows);
}

export async function insertRawMessage(tx: Executor, values: Insertable<MailRawMessagesTable>): Promise<number> {
  const [row] = await insertRawMessageRows<{ id: number }>(tx, [values]);
  if (!row) throw new Error('The raw message insert returned no row.');
  return Number(row.id);
}

export async function updateRawMessage(
  tx: Executor,
  id: number,
  values: { status: RawMessageStatus; ticketId: number | null; ticketMessageId: number | null },
): Promise<void> {
  await tx.updateTable('mailRawMessages').set(values).where('id', '=', id).execute();
}

/**
 * A raw message's status, its row locked on PostgreSQL until commit: two retries of one failed mail at once must
 * not both import it. SQLite has one writer at a time, so its transaction is lock enough.
 */
export async function lockedRawMessageStatus(tx: Executor, dialect: Dialect, id: number): Promise<RawMessageStatus | undefined> {
  const query = tx.selectFrom('mailRawMessages').select('status').where('id', '=', id);
  return (await (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst())?.status;
}

export async function findRawMessage(db: Executor, id: number): Promise<RawMessageRow | undefined> {
  return db.selectFrom('mailRawMessages').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Records that a raw message failed: its first failure adds its row, a retry that fails again counts one more
 * attempt on that row and keeps the latest reason (the list shows each mail once).
 */
export async function recordFailure(tx: Executor, values: { rawMessageId: number; reason: MailFailureReason; detail: string; at: string }): Promise<number> {
  const latest = { reason: values.reason, detail: values.detail, lastFailedAt: values.at, resolvedAt: null };
  const row = await tx
    .insertInto('mailFailures')
    .values({ rawMessageId: values.rawMessageId, createdAt: values.at, attempts: 1, ...latest })
    .onConflict((oc) => oc.column('rawMessageId').doUpdateSet((eb) => ({ ...latest, attempts: eb('mailFailures.attempts', '+', 1) })))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function resolveFailures(tx: Executor, rawMessageId: number, at: string): Promise<void> {
  await tx.updateTable('mailFailures').set({ resolvedAt: at }).where('rawMessageId', '=', rawMessageId).where('resolvedAt', 'is', null).execute();
}

/**
 * Counts one mail from `sender` in the fixed window starting at `windowStart`; returns the count
 * including this one. An upsert, so concurrent intakes on PostgreSQL cannot both read a stale count.
 */
export async function countSenderMail(tx: Executor, sender: string, windowStart: string): Promise<number> {
  const row = (await countSenderQuery.run(tx, { sender, windowStart })).rows[0];
  return Number(row!.count);
}

export async function pruneSenderCounts(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('mailSenderCounts').where('windowStart', '<', before).execute();
}

export async function insertAttachmentRow(
  tx: Executor,
  values: { ticketId: number; messageId: number; sha256: string; sizeBytes: number; contentType: string; fileName: string; contentId: string | null; isInline: boolean; uploadedById: number | null; createdAt: string },
): Promise<void> {
  await tx.insertInto('attachments').values(values).execute();
}

export async function teamOfTicket(db: Executor, ticketId: number): Promise<number | null> {
  const row = await db.selectFrom('tickets').select('teamId').where('id', '=', ticketId).executeTakeFirst();
  return row?.teamId ?? null;
}

export async function loadImapPosition(db: Executor, mailboxId: number, folder: string): Promise<{ uidValidity: string; lastUid: number } | undefined> {
  const row = await db.selectFrom('mailImapState').select(['uidValidity', 'lastUid']).where('mailboxId', '=', mailboxId).where('folder', '=', folder).executeTakeFirst();
  return row ? { uidValidity: row.uidValidity, lastUid: Number(row.lastUid) } : undefined;
}

/** Advances the IMAP position (never backwards within one UIDVALIDITY). */
export async function saveImapPosition(tx: Executor, position: { mailboxId: number; folder: string; uidValidity: string; uid: number; at: string }): Promise<void> {
  await tx
    .insertInto('mailImapState')
    .values({ mailboxId: position.mailboxId, folder: position.folder, uidValidity: position.uidValidity, lastUid: position.uid, updatedAt: position.at })
    .onConflict((oc) =>
      oc.columns(['mailboxId', 'folder']).doUpdateSet({ uidValidity: position.uidValidity, lastUid: position.uid, updatedAt: position.at }),
    )
    .execute();
}

export type InboundStatusRow = Selectable<MailInboundStatusTable>;

/** Records how fetching a mailbox went: success clears the error, a failure keeps the last success's time. */
export async function recordInboundStatus(db: Executor, mailboxId: number, outcome: { at: string; error: string | null }): Promise<void> {
  const values = outcome.error === null ? { checkedAt: outcome.at, error: null, errorAt: null } : { error: outcome.error.slice(0, 1000), errorAt: outcome.at };
  await db
    .insertInto('mailInboundStatus')
    .values({ mailboxId, checkedAt: null, ...values })
    .onConflict((oc) => oc.column('mailboxId').doUpdateSet(values))
    .execute();
}

export async function inboundStatuses(db: Executor, mailboxIds?: readonly number[]): Promise<Map<number, InboundStatusRow>> {
  let query = db.selectFrom('mailInboundStatus').selectAll();
  if (mailboxIds) {
    if (mailboxIds.length === 0) return new Map();
    query = query.where('mailboxId', 'in', mailboxIds);
  }
  return new Map((await query.execute()).map((row) => [Number(row.mailboxId), row]));
}

/** The active person on the desk (a role that works tickets) behind an address; undefined for anyone else. */
export async function staffUserId(db: Executor, address: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('userEmails')
    .innerJoin('users', 'users.id', 'userEmails.userId')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select(['users.id', 'users.isActive', 'roles.permissions'])
    .where('userEmails.email', '=', address)
    .executeTakeFirst();
  if (!row || !row.isActive) return undefined;
  return worksTickets(parseJson<string[]>(row.permissions)) ? Number(row.id) : undefined;
}
