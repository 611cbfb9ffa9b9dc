import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';

export interface AuthMessage {
  userId: number;
  recipient: string;
  subject: string;
  text: string;
  link: string;
  template: 'password_reset' | 'magic_link' | 'invitation';
}

/**
 * Queues a sign-in message in the outbox (the mail channel delivers it). Commit first, then call
 * `announceInDevelopment`: on a developer's machine with no mail server the link must still be usable,
 * but a production log never contains a working sign-in link.
 */
export async function queueAuthMessage(db: Executor, clock: Clock, message: AuthMessage): Promise<void> {
  const now = clock.now().toISOString();
  await db
    .insertInto('outbox')
    .values({
      kind: 'email',
      recipient: message.recipient,
      subject: message.subject,
      payload: JSON.stringify({ template: message.template, text: message.text, link: message.link }),
      nextAttemptAt: now,
      lastError: null,
      relatedUserId: message.userId,
      createdAt: now,
      sentAt: null,
    })
    .execute();
}

export function announceInDevelopment(config: Config, log: FastifyBaseLogger, message: AuthMessage): void {
  if (config.environment !== 'development') return;
  log.info({ recipient: message.recipient, subject: message.subject, link: message.link }, 'sign-in message queued (shown in development only)');
}
