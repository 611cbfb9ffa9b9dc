import type { Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import { parseJson } from '../../platform/db/column-types.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { readDeskBrand } from '../../platform/desk-brand.js';
import type { MailTemplateKey } from '../../../shared/schemas/mail.js';
import { renderTemplate } from './mail-templates.js';
import type { MailboxRow } from './mail.repository.js';
import { loadNodemailer, smtpOptionsFor } from './mailbox-connection.js';
import { loadTemplate, type OutgoingPayload } from './outbox.js';
import type { SecretBox } from './secret-box.js';

export interface OutboxSenderOptions {
  /** Attempts before a mail goes to the dead-letter state. */
  maxAttempts: number;
  /** First retry delay; doubles with each attempt (capped at six hours). */
  baseDelayMs: number;
  /** How long a claimed row is ours before another instance may try it (a crashed sender). */
  leaseMs: number;
  batchSize: number;
}

export const defaultSenderOptions: OutboxSenderOptions = { maxAttempts: 8, baseDelayMs: 30_000, leaseMs: 5 * 60_000, batchSize: 50 };

export function retryDelayMs(attempts: number, options: OutboxSenderOptions): number {
  return Math.min(options.baseDelayMs * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

const signInTemplates = new Set<string>(['password_reset', 'magic_link', 'invitation']);

/**
 * Delivers the outbox. Rows are claimed by moving their next attempt past a lease, so two instances never send
 * one at once; a crash after sending but before marking it sent re-sends with the same Message-ID, which
 * receiving servers and clients de-duplicate.
 */
export function createOutboxSender(deps: { db: Db; dialect?: Dialect; clock: Clock; secrets: SecretBox; log: FastifyBaseLogger; options?: Partial<OutboxSenderOptions> }) {
  const { db, clock, secrets, log } = deps;
  const options = { ...defaultSenderOptions, ...deps.options };
  const transports = new Map<string, Transporter>();

  async function transportFor(mailbox: MailboxRow): Promise<Transporter> {
    const key = `${mailbox.id}:${mailbox.updatedAt}`;
    let transport = transports.get(key);
    if (!transport) {
      transport = (await loadNodemailer()).createTransport(smtpOptionsFor(mailbox, secrets));
      transports.set(key, transport);
    }
    return transport;
  }

  /** Mailboxes that can send, by id; the first one also sends mail that names none (or a gone one). */
  async function sendingMailboxes(): Promise<{ byId: Map<number, MailboxRow>; fallback: MailboxRow | undefined }> {
    const rows = await db.selectFrom('mailboxes').selectAll().where('smtpHost', 'is not', null).where('isActive', '=', true).orderBy('id').execute();
    return { byId: new Map(rows.map((row) => [Number(row.id), row])), fallback: rows[0] };
  }

  /**
   * Claims up to a batch of due rows in one statement by moving their next attempt past a lease (PostgreSQL:
   * FOR UPDATE SKIP LOCKED, so instances claim side by side without taking the same row twice; SQLite: one
   * writer makes the UPDATE … RETURNING atomic).
   */
  async function claimDue(now: Date) {
    let due = db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'email')
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '<=', now.toISOString())
      .orderBy('nextAttemptAt')
      .orderBy('id')
      .limit(options.batchSize);
    if (deps.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await db
      .updateTable('outbox')
      .set((eb) => ({ nextAttemptAt: new Date(now.getTime() + options.leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', due)
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '<=', now.toISOString())
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || Number(a.id) - Number(b.id));
  }

  /**
   * Sends what is due, a batch at a time; returns how many were sent and failed. A batch costs two commits (its
   * claim, then its outcomes); a crash in between sends its mail again after the lease, with the same Message-IDs.
   */
  /**
   * Sign-in mail is queued by the identity module, which knows nothing of templates: it leaves its link, and the
   * mail is worded here from the admin's template (or the built-in one) when it goes out.
   */
  async function signInMail(row: { subject: string; relatedUserId: number | null }, payload: OutgoingPayload): Promise<{ subject: string; text: string; html?: string }> {
    if (!payload.link || !signInTemplates.has(payload.template)) return { subject: row.subject, text: payload.text, ...(payload.html ? { html: payload.html } : {}) };
    const template = await loadTemplate(db, payload.template as MailTemplateKey);
    const person = row.relatedUserId === null ? undefined : await db.selectFrom('users').select('name').where('id', '=', row.relatedUserId).executeTakeFirst();
    const filled = renderTemplate(template, { recipientName: person?.name ?? '', link: payload.link, deskName: (await readDeskBrand(db)).deskName });
    return { subject: filled.subject, text: filled.bodyText, ...(filled.bodyHtml.trim() ? { html: filled.bodyHtml } : {}) };
  }

  async function deliverDue(): Promise<{ sent: number; failed: number }> {
    const mailboxes = await sendingMailboxes();
    // Nothing can be sent until a mailbox has SMTP settings: leave the queue as it is rather than spend attempts.
    if (!mailboxes.fallback) return { sent: 0, failed: 0 };
    const due = await claimDue(clock.now());
    const sentIds: number[] = [];
    const failures: Array<{ id: number; attempts: number; message: string }> = [];
    for (const row of due) {
      const payload = parseJson<OutgoingPayload>(row.payload);
      try {
        const mailbox = (payload.mailboxId ? mailboxes.byId.get(payload.mailboxId) : undefined) ?? mailboxes.fallback;
        const headers: Record<string, string> = {};
        if (payload.autoSubmitted) {
          // RFC 3834 §5; the Microsoft header keeps Exchange from answering with its own auto-reply.
          headers['Auto-Submitted'] = payload.autoSubmitted;
          headers['X-Auto-Response-Suppress'] = 'All';
        }
        const content = await signInMail({ subject: row.subject, relatedUserId: row.relatedUserId === null ? null : Number(row.relatedUserId) }, payload);
        await (await transportFor(mailbox)).sendMail({
          from: { name: mailbox.displayName || mailbox.address, address: mailbox.address },
          replyTo: mailbox.address,
          to: row.recipient,
          ...content,
          ...(payload.messageId ? { messageId: `<${payload.messageId}>` } : {}),
          ...(payload.inReplyTo ? { inReplyTo: `<${payload.inReplyTo}>` } : {}),
          ...(payload.references && payload.references.length > 0 ? { references: payload.references.map((id) => `<${id}>`) } : {}),
          headers,
        });
        sentIds.push(Number(row.id));
      } catch (error) {
        failures.push({ id: Number(row.id), attempts: Number(row.attempts), message: error instanceof Error ? error.message : String(error) });
      }
    }
    if (due.length > 0) await recordOutcomes(sentIds, failures);
    return { sent: sentIds.length, failed: failures.length };
  }

  /** The outcomes of one batch in one transaction: the sent rows in one statement, each failure with its own error. */
  async function recordOutcomes(sentIds: number[], failures: Array<{ id: number; attempts: number; message: string }>): Promise<void> {
    const at = clock.now();
    await inTransaction(db, async (tx) => {
      if (sentIds.length > 0) {
        await tx.updateTable('outbox').set({ status: 'sent', sentAt: at.toISOString(), lastError: null }).where('id', 'in', sentIds).execute();
      }
      for (const failure of failures) {
        const dead = failure.attempts >= options.maxAttempts;
        await tx
          .updateTable('outbox')
          .set({ status: dead ? 'dead' : 'pending', lastError: failure.message.slice(0, 1000), nextAttemptAt: new Date(at.getTime() + retryDelayMs(failure.attempts, options)).toISOString() })
          .where('id', '=', failure.id)
          .execute();
        log.warn({ outboxId: failure.id, attempts: failure.attempts, dead, err: failure.message }, 'outgoing mail failed');
      }
    });
  }

  return {
    deliverDue,
    close() {
      for (const transport of transports.values()) transport.close();
      transports.clear();
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
