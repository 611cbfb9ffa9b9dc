import type * as ImapflowLibrary from 'imapflow';
import type { ImapFlow } from 'imapflow';
import type * as NodemailerLibrary from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { MailboxCheck } from '../../../shared/schemas/mail.js';
import type { MailboxRow } from './mail.repository.js';
import type { SecretBox } from './secret-box.js';

/**
 * How the desk reaches a mailbox's own mail servers: the IMAP client the fetcher uses, the SMTP settings the outbox
 * uses, and the check an admin runs from the mailbox's page. One place builds each, so the check signs in exactly as
 * the fetcher and the sender will.
 */

/** A check answers within this, whatever the server does (the fetcher keeps the library's longer defaults). */
const checkTimeoutMs = 10_000;

/**
 * The IMAP and SMTP clients load when a mailbox first needs one: a desk that receives no mail that way never holds
 * them in memory (together with the MIME parser, about a fifth of an idle server's footprint).
 */
let imapLibrary: Promise<typeof ImapflowLibrary> | undefined;
let smtpLibrary: Promise<typeof NodemailerLibrary> | undefined;
export const loadNodemailer = async () => (await (smtpLibrary ??= import('nodemailer'))).default;

export async function imapClientFor(mailbox: MailboxRow, secrets: SecretBox, timeoutMs?: number): Promise<ImapFlow> {
  const { ImapFlow } = await (imapLibrary ??= import('imapflow'));
  const client = new ImapFlow({
    host: mailbox.imapHost ?? 'localhost',
    port: Number(mailbox.imapPort ?? 993),
    secure: Boolean(mailbox.imapTls),
    auth: { user: mailbox.imapUser ?? '', pass: mailbox.imapPasswordSealed ? secrets.open(mailbox.imapPasswordSealed) : '' },
    logger: false,
    ...(mailbox.imapVerifyCertificate ? {} : { tls: { rejectUnauthorized: false } }),
    ...(timeoutMs === undefined ? {} : { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }),
  });
  // After connecting, the library reports a broken connection as an 'error' event as well as by failing the command
  // in flight; with no listener that event would end the whole server. The failed command is what callers handle.
  client.on('error', () => undefined);
  return client;
}

export function smtpOptionsFor(mailbox: MailboxRow, secrets: SecretBox): SMTPTransport.Options {
  const password = mailbox.smtpPasswordSealed ? secrets.open(mailbox.smtpPasswordSealed) : null;
  return {
    host: mailbox.smtpHost ?? 'localhost',
    port: Number(mailbox.smtpPort ?? 587),
    secure: Boolean(mailbox.smtpSecure),
    ...(mailbox.smtpVerifyCertificate ? {} : { tls: { rejectUnauthorized: false } }),
    ...(mailbox.smtpUser && password ? { auth: { user: mailbox.smtpUser, pass: password } } : {}),
  };
}

/** A connection failure in words an admin can act on; the server's own words where it gave some. */
export function describeConnectionError(error: unknown, host: string, port: number): string {
  const failure = (error ?? {}) as { code?: string; message?: string; authenticationFailed?: boolean; responseText?: string; response?: string };
  const serverSaid = failure.responseText ?? failure.response;
  if (failure.authenticationFailed || failure.code === 'EAUTH') {
    return `The server refused the user name or password${serverSaid ? ` (${serverSaid.trim()})` : ''}.`;
  }
  // Mail libraries wrap socket errors in their own codes (nodemailer: ESOCKET, ECONNECTION); the cause is in the text.
  const socketCode = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(failure.message ?? '')?.[1];
  switch (socketCode ?? failure.code) {
    case 'ECONNREFUSED':
      return `Nothing accepts connections at ${host}:${port} (connection refused).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name ${host} could not be found.`;
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
    case 'NoConnection':
      return `No answer from ${host}:${port} in time.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host}:${port} cannot be reached from this server.`;
    default:
      break;
  }
  const message = (failure.message ?? String(error)).trim();
  if (/certificate|self[- ]signed/i.test(message)) {
    return `The certificate of ${host}:${port} is not trusted (${message}). If the server uses a self-signed certificate you trust, turn off certificate checking for it.`;
  }
  if (/TLS|SSL|wrong version number/i.test(message)) return `The secure connection to ${host}:${port} failed: ${message}`;
  return serverSaid ? `${message} (${serverSaid.trim()})` : message;
}

async function checkImap(mailbox: MailboxRow, secrets: SecretBox): Promise<{ ok: boolean; detail: string }> {
  const host = mailbox.imapHost ?? 'localhost';
  const port = Number(mailbox.imapPort ?? 993);
  const client = await imapClientFor(mailbox, secrets, checkTimeoutMs);
  try {
    await client.connect();
    const status = await client.status(mailbox.imapFolder, { messages: true, unseen: true });
    if (!status) return { ok: false, detail: `Signed in as ${mailbox.imapUser ?? ''}, but the folder ${mailbox.imapFolder} could not be opened.` };
    return {
      ok: true,
      detail: `Signed in as ${mailbox.imapUser ?? ''}; ${mailbox.imapFolder} holds ${status.messages ?? 0} messages (${status.unseen ?? 0} unread).`,
    };
  } catch (error) {
    return { ok: false, detail: describeConnectionError(error, host, port) };
  } finally {
    await client.logout().catch(() => undefined);
    client.close();
  }
}

async function checkSmtp(mailbox: MailboxRow, secrets: SecretBox): Promise<{ ok: boolean; detail: string }> {
  const options = smtpOptionsFor(mailbox, secrets);
  const transport = (await loadNodemailer()).createTransport({ ...options, connectionTimeout: checkTimeoutMs, greetingTimeout: checkTimeoutMs, socketTimeout: checkTimeoutMs });
  try {
    await transport.verify();
    return { ok: true, detail: options.auth ? `Signed in to ${options.host}:${options.port} as ${mailbox.smtpUser}.` : `${options.host}:${options.port} accepts mail (no sign-in set).` };
  } catch (error) {
    return { ok: false, detail: describeConnectionError(error, options.host ?? 'localhost', Number(options.port ?? 587)) };
  } finally {
    transport.close();
  }
}

/** Signs in to the mailbox's IMAP and SMTP servers now, side by side; null where the mailbox sets none. */
export async function checkMailboxConnections(mailbox: MailboxRow, secrets: SecretBox): Promise<MailboxCheck> {
  const [imap, smtp] = await Promise.all([
    mailbox.imapHost ? checkImap(mailbox, secrets) : null,
    mailbox.smtpHost ? checkSmtp(mailbox, secrets) : null,
  ]);
  return { imap, smtp };
}
