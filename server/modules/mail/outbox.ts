import crypto from 'node:crypto';
import type { MailTemplateKey } from '../../../shared/schemas/mail.js';
import type { Executor } from '../../platform/db/database.js';
import { defaultTemplates, renderTemplate, type TemplateText } from './mail-templates.js';
import { rememberMessageId } from './mail.repository.js';

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

/**
 * Queues one notification in the outbox, with its threading headers, in the caller's transaction.
 * Returns false when the dedupe key was already used.
 */
export async function enqueueMail(tx: Executor, request: EnqueueRequest): Promise<boolean> {
  const existing = await tx.selectFrom('mailOutboxKeys').select('outboxId').where('dedupeKey', '=', request.dedupeKey).executeTakeFirst();
  if (existing) return false;
  const rendered = renderTemplate(await loadTemplate(tx, request.template), request.variables);
  const ticket = request.ticket ?? null;
  const messageId = `${ticket ? `t${ticket.ref}.` : ''}${crypto.randomUUID()}@${request.domain}`;
  let inReplyTo: string | null = null;
  let references: string[] = [];
  if (ticket) {
    // RFC 5322 §3.6.4: References lists the thread oldest first; In-Reply-To names the mail answered
    // (the newest one we received on this ticket, else our newest).
    const thread = await tx.selectFrom('mailMessageIds').select(['messageId', 'direction']).where('ticketId', '=', ticket.id).orderBy('createdAt').execute();
    references = thread.map((row) => row.messageId).slice(-20);
    inReplyTo = thread.filter((row) => row.direction === 'in').at(-1)?.messageId ?? thread.at(-1)?.messageId ?? null;
  }
  const payload: OutgoingPayload = {
    template: request.template,
    text: rendered.bodyText,
    html: rendered.bodyHtml,
    messageId,
    inReplyTo,
    references,
    mailboxId: request.mailboxId,
    autoSubmitted: request.autoSubmitted,
    ticketId: ticket?.id ?? null,
  };
  const row = await tx
    .insertInto('outbox')
    .values({
      kind: 'email',
      recipient: request.recipient,
      subject: rendered.subject,
      payload: JSON.stringify(payload),
      nextAttemptAt: request.now,
      lastError: null,
      relatedUserId: request.relatedUserId,
      createdAt: request.now,
      sentAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('mailOutboxKeys').values({ dedupeKey: request.dedupeKey, outboxId: row.id, createdAt: request.now }).execute();
  if (ticket) await rememberMessageId(tx, { messageId, ticketId: ticket.id, ticketMessageId: null, direction: 'out', createdAt: request.now });
  return true;
}
