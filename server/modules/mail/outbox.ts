import crypto from 'node:crypto';
import type { MailTemplateKey } from '../../../shared/schemas/mail.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Executor } from '../../platform/db/database.js';
import { listValues, reusableInsert, reusableQuery, reusableQueryByShape, slotList } from '../../platform/db/reusable-query.js';
import { rememberMessageId } from './mail.repository.js';
import { cachedReference } from '../../platform/db/reference-cache.js';
import { defaultTemplates, renderTemplate, type TemplateText } from './mail-templates.js';

/** What the sender needs to put a queued mail on the wire; stored as the outbox row's payload. */
export interface OutgoingPayload {
  template: string;
  text: string;
  html?: string;
  /** Without angle brackets; fixed at enqueue so a retried send carries the same id. */
  messageId?: string;
  inReplyTo?: string | null;
  references?: string[];
  mailboxId?: number | null;
  /** RFC 3834 §5: 'auto-replied' answering a mail, 'auto-generated' for other notifications. */
  autoSubmitted?: 'auto-replied' | 'auto-generated' | null;
  ticketId?: number | null;
  /** Sign-in mail (queued by the identity module): its link, filled into the template when it is sent. */
  link?: string;
}

export interface EnqueueRequest {
  /** One outbox row per key, ever: the same event seen twice queues nothing the second time. */
  dedupeKey: string;
  template: MailTemplateKey;
  recipient: string;
  relatedUserId: number | null;
  variables: Record<string, string>;
  ticket?: { id: number; ref: number } | null;
  mailboxId: number | null;
  /** Domain for our Message-ID (the mailbox's). */
  domain: string;
  autoSubmitted: OutgoingPayload['autoSubmitted'];
  now: string;
}

export async function loadTemplate(db: Executor, key: MailTemplateKey): Promise<TemplateText> {
  const row = await db.selectFrom('mailTemplates').select(['subject', 'bodyText', 'bodyHtml']).where('key', '=', key).executeTakeFirst();
  return row ?? defaultTemplates[key];
}

// One notification often goes to several people: the template is looked up once per transaction, and read from the
// database only when an admin changed one (see reference-cache.ts).
const templatesOf = new WeakMap<Executor, Map<MailTemplateKey, Promise<TemplateText>>>();

function templateIn(tx: Executor, key: MailTemplateKey): Promise<TemplateText> {
  let templates = templatesOf.get(tx);
  if (!templates) templatesOf.set(tx, (templates = new Map()));
  let template = templates.get(key);
  if (!template) templates.set(key, (template = cachedReference(tx, `mail-template:${key}`, () => loadTemplate(tx, key))));
  return template;
}

// A new ticket queues a notice for its requester and each agent of its team: these inserts are built once per number
// of rows (reusable-query.ts).
const insertOutboxRows = reusableInsert('outbox', 'all');
const insertOutboxKeys = reusableInsert('mailOutboxKeys', 'none');
const usedKeys = reusableQueryByShape((db, values: Record<string, string>, count: string) =>
  db.selectFrom('mailOutboxKeys').select('dedupeKey').where('dedupeKey', 'in', slotList(values, 'key', Number(count))),
);
/**
 * The Message-IDs a ticket's mail threads by: ours, and mail from the requester's side. Mail the desk wrote to
 * itself (an agent's reply or note sent by mail, an auto-reply kept as a note) never reached the people we write to.
 * Each copy then keeps only our mail to its own recipient (see `seenBy`).
 */
const threadOf = reusableQuery((db, values: { ticketId: number }) =>
  db
    .selectFrom('mailMessageIds')
    .leftJoin('ticketMessages', 'ticketMessages.id', 'mailMessageIds.ticketMessageId')
    .select(['mailMessageIds.messageId', 'mailMessageIds.direction', 'mailMessageIds.recipientId'])
    .where('mailMessageIds.ticketId', '=', values.ticketId)
    .where((eb) => eb.or([eb('mailMessageIds.direction', '=', 'out'), eb('ticketMessages.kind', '=', 'message')]))
    .orderBy('mailMessageIds.createdAt'),
);

type ThreadRow = { messageId: string; direction: 'in' | 'out'; recipientId: number | null };

/**
 * The thread as one recipient may see it: mail from the requester's side, and of ours only what went to them (or
 * to someone unknown, before recipients were kept). Another person's copy must not leak into it: an agent's mail is
 * their reply to the requester only when it answers one we sent to them (mail-ingest.service.ts), so the Message-ID
 * of an agent's notice must stay in that agent's mailbox.
 */
function threadFor(rows: readonly ThreadRow[], recipientId: number | null): { inReplyTo: string | null; references: string[] } {
  const seenBy = rows.filter((row) => row.direction === 'in' || row.recipientId === null || (recipientId !== null && Number(row.recipientId) === recipientId));
  return {
    references: seenBy.map((row) => row.messageId).slice(-20),
    inReplyTo: seenBy.filter((row) => row.direction === 'in').at(-1)?.messageId ?? seenBy.at(-1)?.messageId ?? null,
  };
}

/**
 * Queues notifications in the outbox, with their threading headers, in the caller's transaction: one statement
 * per step for the whole batch (a new ticket tells its requester and every agent of the team). Requests whose
 * dedupe key was already used are skipped; returns how many were queued.
 */
export async function enqueueMails(tx: Executor, requests: readonly EnqueueRequest[]): Promise<number> {
  if (requests.length === 0) return 0;
  const keys = [...new Set(requests.map((r) => r.dedupeKey))];
  const used = new Set((await usedKeys.run(tx, String(keys.length), listValues('key', keys))).rows.map((row) => row.dedupeKey));
  const fresh = requests.filter((request) => {
    if (used.has(request.dedupeKey)) return false;
    used.add(request.dedupeKey);
    return true;
  });
  if (fresh.length === 0) return 0;
  // RFC 5322 §3.6.4: References lists the thread oldest first; In-Reply-To names the mail answered (the newest
  // one we received on the ticket, else our newest).
  const threads = new Map<number, ThreadRow[]>();
  const ticketIds = [...new Set(fresh.flatMap((request) => (request.ticket ? [request.ticket.id] : [])))];
  for (const ticketId of ticketIds) threads.set(ticketId, (await threadOf.run(tx, { ticketId })).rows);
  const prepared = await Promise.all(
    fresh.map(async (request) => {
      const rendered = renderTemplate(await templateIn(tx, request.template), request.variables);
      const ticket = request.ticket ?? null;
      const messageId = `${ticket ? `t${ticket.ref}.` : ''}${crypto.randomUUID()}@${request.domain}`;
      const thread = ticket ? threadFor(threads.get(ticket.id) ?? [], request.relatedUserId) : undefined;
      const payload: OutgoingPayload = {
        template: request.template,
        text: rendered.bodyText,
        html: rendered.bodyHtml,
        messageId,
        inReplyTo: thread?.inReplyTo ?? null,
        references: thread?.references ?? [],
        mailboxId: request.mailboxId,
        autoSubmitted: request.autoSubmitted,
        ticketId: ticket?.id ?? null,
      };
      return { request, rendered, ticket, messageId, payload };
    }),
  );
  const rows = await insertOutboxRows<{ id: number; payload: string }>(
    tx,
    prepared.map(({ request, rendered, payload }) => ({
      kind: 'email',
      recipient: request.recipient,
      subject: rendered.subject,
      payload: JSON.stringify(payload),
      nextAttemptAt: request.now,
      lastError: null,
      relatedUserId: request.relatedUserId,
      createdAt: request.now,
      sentAt: null,
    })),
  );
  // RETURNING promises no order: rows are matched to their requests by their Message-ID (a fresh UUID).
  const outboxIdOf = new Map(rows.map((row) => [parseJson<OutgoingPayload>(row.payload).messageId, row.id]));
  await insertOutboxKeys(
    tx,
    prepared.map(({ request, messageId }) => ({ dedupeKey: request.dedupeKey, outboxId: outboxIdOf.get(messageId)!, createdAt: request.now })),
  );
  const outgoingIds = prepared.flatMap(({ ticket, messageId, request }) =>
    ticket ? [{ messageId, ticketId: ticket.id, ticketMessageId: null, direction: 'out' as const, recipientId: request.relatedUserId, createdAt: request.now }] : [],
  );
  await rememberMessageId(tx, ...outgoingIds);
  return prepared.length;
}

/** Queues one notification; false when its dedupe key was already used. */
export async function enqueueMail(tx: Executor, request: EnqueueRequest): Promise<boolean> {
  return (await enqueueMails(tx, [request])) === 1;
}
