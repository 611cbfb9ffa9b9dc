import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../../platform/db/database.js';
import type { IngestOutcome, IngestRequest } from './mail-ingest.service.js';
import { findMailboxesByAddress } from './mail.repository.js';

export interface SmtpListenerOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  tlsCertFile?: string | undefined;
  tlsKeyFile?: string | undefined;
  /** Greeting name; the public host name of the desk. */
  name: string;
}

export interface SmtpListener {
  /** Resolves with the bound port (useful with port 0). */
  start(): Promise<number>;
  stop(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The built-in inbound listener. It is a final destination, never a relay: a recipient is accepted
 * only when it is an active mailbox taking mail by SMTP (RFC 5321 §3.6.2: 550 otherwise). A message
 * is acknowledged with 250 only after `ingest` has committed it; any failure before that answers
 * 451, so the sending server keeps the mail and retries.
 */
export function createSmtpListener(
  db: Db,
  ingest: (request: IngestRequest) => Promise<IngestOutcome>,
  options: SmtpListenerOptions,
  log: FastifyBaseLogger,
): SmtpListener {
  const tls = options.tlsCertFile && options.tlsKeyFile ? { cert: fs.readFileSync(options.tlsCertFile), key: fs.readFileSync(options.tlsKeyFile) } : null;
  // The mailbox each accepted recipient named, found at RCPT TO: DATA needs no second lookup.
  const mailboxOfRecipient = new WeakMap<SMTPServerAddress, number>();
  const server = new SMTPServer({
    name: options.name,
    banner: 'Linchpin mail intake',
    size: options.maxMessageBytes,
    // Nobody signs in to deliver mail to us; AUTH would only invite relay attempts.
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ? { cert: tls.cert, key: tls.key } : {}),
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      void findMailboxesByAddress(db, [address.address])
        .then(([mailbox]) => {
          if (!mailbox || !mailbox.isActive || mailbox.inboundMode === 'imap') {
            callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here (relaying denied)`));
          } else {
            mailboxOfRecipient.set(address, Number(mailbox.id));
            callback();
          }
        })
        .catch((error: unknown) => {
          log.error({ err: error }, 'SMTP recipient lookup failed');
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        });
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(smtpError(451, `4.3.0 ${error.message}`)));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, `5.3.4 message exceeds the ${options.maxMessageBytes} byte limit`));
          return;
        }
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const mailFrom = session.envelope.mailFrom;
        // Only recipients that were mailboxes got past RCPT TO; the first of them takes the mail.
        const first = session.envelope.rcptTo[0];
        void ingest({
          raw: Buffer.concat(chunks),
          source: 'smtp',
          mailboxId: first ? (mailboxOfRecipient.get(first) ?? null) : null,
          envelopeFrom: mailFrom === false ? null : mailFrom.address,
          envelopeTo: recipients,
        })
          .then((outcome) => callback(null, `2.0.0 stored as ${outcome.status}`))
          .catch((error: unknown) => {
            log.error({ err: error }, 'SMTP intake failed; the sender will retry');
            callback(smtpError(451, '4.3.0 could not store the message, try again later'));
          });
      });
    },
  });
  server.on('error', (error) => log.error({ err: error }, 'SMTP listener error'));

  return {
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          resolve((server.server.address() as AddressInfo).port);
        });
      }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
