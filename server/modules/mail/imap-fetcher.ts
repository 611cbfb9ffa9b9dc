import type { FastifyBaseLogger } from 'fastify';
import type { ImapFlow } from 'imapflow';
import type { Db } from '../../platform/db/database.js';
import type { MailIngestService } from './mail-ingest.service.js';
import { findMailbox, loadImapPosition, recordInboundStatus, saveImapPosition, type MailboxRow } from './mail.repository.js';
import { describeConnectionError, imapClientFor } from './mailbox-connection.js';
import type { SecretBox } from './secret-box.js';

export interface SyncResult {
  imported: number;
  duplicates: number;
  failed: number;
}

/** Mails imported per transaction: enough to share the commit, few enough to keep the writer free. */
const importRun = 32;

/**
 * Fetches new mail of one mailbox over IMAP. Position is UIDVALIDITY + last UID (RFC 3501 §2.3.1.1):
 * each message's import commits together with the new position (a run of them in one transaction), so a crash
 * re-fetches at most the run in flight, which the Message-ID check then recognises. Only after the commit are the
 * messages marked \\Seen or moved, so a failed import leaves them untouched on the server.
 */
export function createImapFetcher(deps: { db: Db; ingest: MailIngestService; secrets: SecretBox; log: FastifyBaseLogger; now: () => string }) {
  const { db, ingest, secrets, log } = deps;

  function clientFor(mailbox: MailboxRow): Promise<ImapFlow> {
    return imapClientFor(mailbox, secrets);
  }

  /** What the admin sees on the mailbox: the last good sync, or what went wrong. Never fails the sync itself. */
  async function record(mailbox: MailboxRow, error: unknown | null): Promise<void> {
    const detail = error === null ? null : describeConnectionError(error, mailbox.imapHost ?? 'localhost', Number(mailbox.imapPort ?? 993));
    await recordInboundStatus(db, Number(mailbox.id), { at: deps.now(), error: detail }).catch((failure: unknown) =>
      log.warn({ err: failure, mailboxId: mailbox.id }, 'could not record the mailbox status'),
    );
  }

  async function syncWith(client: ImapFlow, mailbox: MailboxRow): Promise<SyncResult> {
    const folder = mailbox.imapFolder;
    const result: SyncResult = { imported: 0, duplicates: 0, failed: 0 };
    const lock = await client.getMailboxLock(folder);
    try {
      const opened = client.mailbox;
      if (!opened) return result;
      const uidValidity = String(opened.uidValidity);
      const known = await loadImapPosition(db, Number(mailbox.id), folder);
      // A new UIDVALIDITY means old UIDs mean nothing: start over (Message-IDs stop doubles).
      const lastUid = known && known.uidValidity === uidValidity ? known.lastUid : 0;
      if (!known || known.uidValidity !== uidValidity) {
        await saveImapPosition(db, { mailboxId: Number(mailbox.id), folder, uidValidity, uid: lastUid, at: deps.now() });
      }
      if (opened.exists === 0) return result;
      const fetched: Array<{ uid: number; source: Buffer }> = [];
      for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
        // "n:*" always names the newest message, even when it is older than n.
        if (message.uid > lastUid && message.source) fetched.push({ uid: message.uid, source: message.source });
      }
      fetched.sort((a, b) => a.uid - b.uid);
      // A run of mails shares one transaction (all stored or none, the position advancing mail by mail in it), and
      // the run is flagged or moved on the server with one command once it has committed.
      for (let index = 0; index < fetched.length; index += importRun) {
        const run = fetched.slice(index, index + importRun);
        const outcomes = await ingest.ingestInOrder(
          run.map((message) => ({
            raw: message.source,
            source: 'imap' as const,
            mailboxId: Number(mailbox.id),
            envelopeTo: [mailbox.address],
            imapPosition: { mailboxId: Number(mailbox.id), folder, uidValidity, uid: message.uid },
          })),
        );
        for (const outcome of outcomes) {
          if (outcome.status === 'duplicate') result.duplicates += 1;
          else if (outcome.status === 'failed') result.failed += 1;
          else result.imported += 1;
        }
        // Committed: now it is safe to touch the messages on the server.
        const uids = run.map((message) => message.uid).join(',');
        if (mailbox.imapProcessedFolder) await client.messageMove(uids, mailbox.imapProcessedFolder, { uid: true });
        else await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
    return result;
  }

  /** One connection, one sync, logout: the polling path, and what tests drive. */
  async function syncOnce(mailboxId: number): Promise<SyncResult> {
    const mailbox = await findMailbox(db, mailboxId);
    if (!mailbox || !mailbox.imapHost) throw new Error(`mailbox ${mailboxId} has no IMAP settings`);
    const client = await clientFor(mailbox);
    try {
      await client.connect();
      const result = await syncWith(client, mailbox);
      await record(mailbox, null);
      return result;
    } catch (error) {
      await record(mailbox, error);
      throw error;
    } finally {
      await client.logout().catch(() => undefined);
    }
  }

  /**
   * Keeps one mailbox in sync until `signal` aborts: IDLE (RFC 2177) where the server has it, so new
   * mail arrives within a second; otherwise a poll every `pollIntervalMs`. Reconnects after errors.
   */
  async function watch(mailboxId: number, pollIntervalMs: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let client: ImapFlow | null = null;
      let mailbox: MailboxRow | undefined;
      try {
        mailbox = await findMailbox(db, mailboxId);
        if (!mailbox || !mailbox.isActive || !mailbox.imapHost || mailbox.inboundMode === 'smtp') return;
        client = await clientFor(mailbox);
        const current = client;
        const stop = () => void current.logout().catch(() => undefined);
        signal.addEventListener('abort', stop, { once: true });
        // IDLE only reports that mail arrived and returns when another command ends it: a NOOP does, so the
        // loop below goes on to fetch that mail.
        client.on('exists', () => void current.noop().catch(() => undefined));
        await client.connect();
        while (!signal.aborted && client.usable) {
          await syncWith(client, mailbox);
          await record(mailbox, null);
          if (client.capabilities.has('IDLE')) {
            await client.getMailboxLock(mailbox.imapFolder).then(async (lock) => {
              try {
                await current.idle();
              } finally {
                lock.release();
              }
            });
          } else await sleep(pollIntervalMs, signal);
        }
        signal.removeEventListener('abort', stop);
      } catch (error) {
        if (!signal.aborted) {
          log.warn({ err: error, mailboxId }, 'IMAP sync failed; retrying');
          if (mailbox) await record(mailbox, error);
        }
        await sleep(Math.min(pollIntervalMs, 30_000), signal);
      } finally {
        await client?.logout().catch(() => undefined);
      }
    }
  }

  return { syncOnce, watch };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export type ImapFetcher = ReturnType<typeof createImapFetcher>;
