import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import { parseJson } from '../../platform/db/column-types.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { MailboxRow } from './mail.repository.js';
import type { OutgoingPayload } from './outbox.js';
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

/**
 * Delivers the outbox. A row is claimed by moving its next attempt past a lease with a compare-and-set
 * on the old value, so two instances never send it at once; a crash after sending but before marking
 * it sent re-sends with the same Message-ID, which receiving servers and clients de-duplicate.
 */
export function createOutboxSender(deps: { db: Db; clock: Clock; secrets: SecretBox; log: FastifyBaseLogger; options?: Partial<OutboxSenderOptions> }) {
  const { db, clock, secrets, log } = deps;
  const options = { ...defaultSenderOptions, ...deps.options };
  const transports = new Map<string, Transporter>();

  function transportFor(mailbox: MailboxRow): Transporter {
    const key = `${mailbox.id}:${mailbox.updatedAt}`;
    let transport = transports.get(key);
    if (!transport) {
      const password = mailbox.smtpPasswordSealed ? secrets.open(mailbox.smtpPasswordSealed) : null;
      transport = nodemailer.createTransport({
        host: mailbox.smtpHost ?? 'localhost',
        port: Number(mailbox.smtpPort ?? 587),
        secure: Boolean(mailbox.smtpSecure),
        ...(mailbox.smtpUser && password ? { auth: { user: mailbox.smtpUser, pass: password } } : {}),
      });
      transports.set(key, transport);
    }
    return transport;
  }

  async function senderMailbox(mailboxId: number | null | undefined): Promise<MailboxRow | undefined> {
    const base = db.selectFrom('mailboxes').selectAll().where('smtpHost', 'is not', null).where('isActive', '=', true);
    const chosen = mailboxId ? await base.where('id', '=', mailboxId).executeTakeFirst() : undefined;
    return chosen ?? (await base.orderBy('id').executeTakeFirst());
  }

  /** Sends what is due; returns how many were sent. */
  async function deliverDue(): Promise<{ sent: number; failed: number }> {
    const now = clock.now();
    const due = await db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'email')
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '<=', now.toISOString())
      .orderBy('nextAttemptAt')
      .limit(options.batchSize)
      .execute();
    let sent = 0;
    let failed = 0;
    for (const row of due) {
      const leaseUntil = new Date(now.getTime() + options.leaseMs).toISOString();
      const claimed = await db
        .updateTable('outbox')
        .set({ nextAttemptAt: leaseUntil, attempts: Number(row.attempts) + 1 })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .where('nextAttemptAt', '=', row.nextAttemptAt)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      const attempts = Number(row.attempts) + 1;
      const payload = parseJson<OutgoingPayload>(row.payload);
      try {
        const mailbox = await senderMailbox(payload.mailboxId);
        if (!mailbox) throw new Error('no mailbox with outgoing SMTP settings is configured');
        const headers: Record<string, string> = {};
        if (payload.autoSubmitted) {
          // RFC 3834 §5; the Microsoft header keeps Exchange from answering with its own auto-reply.
          headers['Auto-Submitted'] = payload.autoSubmitted;
          headers['X-Auto-Response-Suppress'] = 'All';
        }
        await transportFor(mailbox).sendMail({
          from: { name: mailbox.displayName || mailbox.address, address: mailbox.address },
          replyTo: mailbox.address,
          to: row.recipient,
          subject: row.subject,
          text: payload.text,
          ...(payload.html ? { html: payload.html } : {}),
          ...(payload.messageId ? { messageId: `<${payload.messageId}>` } : {}),
          ...(payload.inReplyTo ? { inReplyTo: `<${payload.inReplyTo}>` } : {}),
          ...(payload.references && payload.references.length > 0 ? { references: payload.references.map((id) => `<${id}>`) } : {}),
          headers,
        });
        await db.updateTable('outbox').set({ status: 'sent', sentAt: clock.now().toISOString(), lastError: null }).where('id', '=', row.id).execute();
        sent += 1;
      } catch (error) {
        failed += 1;
        const message = error instanceof Error ? error.message : String(error);
        const dead = attempts >= options.maxAttempts;
        await db
          .updateTable('outbox')
          .set({
            status: dead ? 'dead' : 'pending',
            lastError: message.slice(0, 1000),
            nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(attempts, options)).toISOString(),
          })
          .where('id', '=', row.id)
          .execute();
        log.warn({ outboxId: row.id, attempts, dead, err: message }, 'outgoing mail failed');
      }
    }
    return { sent, failed };
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
