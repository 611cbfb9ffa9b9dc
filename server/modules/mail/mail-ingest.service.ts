import crypto from 'node:crypto';
import type { MailFailureReason, RawMessageStatus } from '../../../shared/schemas/mail.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import type { Database, Executor } from '../../platform/db/database.js';
import { createGroupCommit } from '../../platform/db/group-commit.js';
import { ConflictError } from '../../platform/http/errors.js';
import type { EmailIntake, EmailTicketResult } from '../tickets/index.js';
import { storeAttachment } from './attachment-store.js';
import { attachedForwardPart, forwardIn, type Forward } from './forwarded-mail.js';
import type { InboundAttachment, InboundMessage, MailAddress } from './inbound-message.js';
import * as repository from './mail.repository.js';
import { parseRawMessage, UnparseableMailError } from './parse-message.js';
import { resolveThread, threadCandidates, withoutTicketTags } from './threading.js';

export interface IngestRequest {
  raw: Buffer;
  source: 'smtp' | 'imap';
  /** The mailbox it was delivered to (IMAP) or the first recipient that is one (SMTP). */
  mailboxId: number | null;
  envelopeFrom?: string | null;
  envelopeTo?: string[];
  /** IMAP: the sync position this message advances, written in the same transaction as the import. */
  imapPosition?: { mailboxId: number; folder: string; uidValidity: string; uid: number };
}

export type IngestOutcome =
  | {
      status: 'imported' | 'noise';
      rawMessageId: number;
      ticketId: number | null;
      ticketRef: number | null;
      createdTicket: boolean;
    }
  | { status: 'failed'; rawMessageId: number; reason: MailFailureReason }
  | { status: 'duplicate'; rawMessageId: null };

/** A parsed mail waiting for its transaction. */
interface Prepared {
  request: IngestRequest;
  reprocessRawId: number | undefined;
  message: InboundMessage | null;
  /** The mail attached to a forward sent as an attachment, parsed; null for any other mail. */
  attachedOriginal: InboundMessage | null;
  parseError: string;
  sha256: string;
  now: string;
}

interface Stored {
  outcome: IngestOutcome;
  pending: EmailTicketResult['pending'];
}

/** A parsed mail on its way into a ticket, with what its transaction knows about where it arrived. */
interface Incoming {
  message: InboundMessage;
  attachedOriginal: InboundMessage | null;
  sender: MailAddress;
  mailboxTeamId: number | null;
  /** Our own mailbox addresses: never a requester or a watcher. */
  ours: ReadonlySet<string>;
  now: string;
}

/** Most mails sharing one commit: enough to absorb a burst, few enough that the first in line is not kept long. */
const maxBatch = 32;

export interface MailIngestDependencies {
  database: Database;
  clock: Clock;
  intake: EmailIntake;
  dataDir: string;
  senderLimitPerHour: number;
}

/**
 * Mail → tickets. One transaction holds the raw message, the ticket or message, attachments and
 * the Message-ID map: when it returns, the mail is stored for good and the caller may acknowledge it
 * (SMTP 250, IMAP flag). Nothing is dropped: what cannot become a ticket goes to the failed-mail list.
 */
export function createMailIngestService(deps: MailIngestDependencies) {
  const { database, clock, intake } = deps;
  const db = database.db;
  // Mails that arrive while one commits share the next commit, each in a savepoint (on both databases).
  const commits = createGroupCommit(db, { maxBatch });

  /** Parses a mail and stores its attachment files: everything before its transaction. */
  async function prepare(request: IngestRequest, reprocessRawId?: number): Promise<Prepared> {
    const now = nowIso(clock);
    const sha256 = crypto.createHash('sha256').update(request.raw).digest('hex');
    let message: InboundMessage | null = null;
    let parseError = '';
    try {
      message = await parseRawMessage(request.raw, { envelopeSender: request.envelopeFrom ?? null });
    } catch (error) {
      if (!(error instanceof UnparseableMailError)) throw error;
      parseError = error.message;
    }
    const attachedOriginal = message ? await parseAttachedOriginal(message) : null;
    // Files first (content-addressed, idempotent), rows after: see attachment-store.ts.
    for (const attachment of [...(message?.attachments ?? []), ...(attachedOriginal?.attachments ?? [])])
      await storeAttachment(deps.dataDir, attachment.sha256, attachment.content);
    return { request, reprocessRawId, message, attachedOriginal, parseError, sha256, now };
  }

  /** A forward as attachment carries its original as a mail of its own; one that cannot be read leaves it ordinary. */
  async function parseAttachedOriginal(message: InboundMessage): Promise<InboundMessage | null> {
    const part = attachedForwardPart(message);
    if (!part) return null;
    try {
      return await parseRawMessage(part.content);
    } catch (error) {
      if (error instanceof UnparseableMailError) return null;
      throw error;
    }
  }

  /** `reprocessRawId`: an admin retries a stored raw message from the failed-mail list. */
  async function ingest(request: IngestRequest, reprocessRawId?: number): Promise<IngestOutcome> {
    const prepared = await prepare(request, reprocessRawId);
    const stored = await commits.run((tx) => storeInTransaction(tx, prepared));
    // Committed: the caller hears the outcome once its mail's reactions after commit (live updates) have run.
    await intake.publish(stored.pending, prepared.now);
    return stored.outcome;
  }

  /**
   * Several mails in order, in one transaction: all are stored or none is. IMAP imports a fetched run this way, each
   * mail advancing the folder position in turn, so the position never passes a mail that was not stored, and the
   * run costs one commit instead of one per mail. Parsing happens first, for all of them at once.
   */
  async function ingestInOrder(requests: readonly IngestRequest[]): Promise<IngestOutcome[]> {
    const prepared = await Promise.all(requests.map((request) => prepare(request)));
    const stored = await commits.run(async (tx) => {
      const results: Stored[] = [];
      for (const item of prepared) results.push(await storeInTransaction(tx, item));
      return results;
    });
    for (const [index, result] of stored.entries()) await intake.publish(result.pending, prepared[index]!.now);
    return stored.map((result) => result.outcome);
  }

  async function storeInTransaction(tx: Executor, prepared: Prepared): Promise<Stored> {
    const { request, reprocessRawId, message, attachedOriginal, parseError, sha256, now } = prepared;
    if (request.imapPosition) await repository.saveImapPosition(tx, { ...request.imapPosition, at: now });
    if (reprocessRawId !== undefined && (await repository.lockedRawMessageStatus(tx, database.dialect, reprocessRawId)) !== 'failed') {
      throw new ConflictError('conflict', 'This mail is no longer on the failed-mail list: another retry imported it first.');
    }
    // RFC 5322 §3.6.4: a Message-ID names one message; the same one again is a retry or a second copy.
    if (
      message?.messageId &&
      reprocessRawId === undefined &&
      (await repository.isKnownInboundMessageId(tx, message.messageId))
    ) {
      return { outcome: { status: 'duplicate', rawMessageId: null } as IngestOutcome, pending: [] };
    }
    // The raw message is written once, with its final status, in the same transaction as what it became.
    const storeRaw = async (values: {
      status: RawMessageStatus;
      ticketId: number | null;
      ticketMessageId: number | null;
    }) => {
      if (reprocessRawId !== undefined) {
        await repository.updateRawMessage(tx, reprocessRawId, values);
        return reprocessRawId;
      }
      return repository.insertRawMessage(tx, {
        mailboxId: request.mailboxId,
        source: request.source,
        envelopeFrom: request.envelopeFrom ?? null,
        envelopeTo: JSON.stringify(request.envelopeTo ?? []),
        messageId: message?.messageId ?? null,
        sha256,
        sizeBytes: request.raw.length,
        content: request.raw,
        receivedAt: now,
        ...values,
      });
    };
    const fail = async (reason: MailFailureReason, detail: string) => {
      const rawMessageId = await storeRaw({ status: 'failed', ticketId: null, ticketMessageId: null });
      await repository.recordFailure(tx, { rawMessageId, reason, detail: detail.slice(0, 2000), at: now });
      return { outcome: { status: 'failed', rawMessageId, reason } as IngestOutcome, pending: [] };
    };
    if (!message) return fail('unparseable', parseError);
    const sender = message.from ?? message.replyTo;
    if (!sender) return fail('no_sender', 'the message names no sender (no From, Sender or envelope sender)');
    // One read of the (small) mailbox table: the recipient mailbox, and our own addresses to leave out of Cc.
    const mailboxes = await repository.allMailboxes(tx);
    const mailbox = request.mailboxId === null ? undefined : mailboxes.find((m) => Number(m.id) === request.mailboxId);
    if (!mailbox)
      return fail('unknown_recipient', `no mailbox for ${(request.envelopeTo ?? []).join(', ') || 'this message'}`);
    // Loop guard: past the hourly allowance a sender's mail waits for an admin instead of making tickets.
    const windowStart = `${now.slice(0, 13)}:00:00.000Z`;
    if (
      reprocessRawId === undefined &&
      (await repository.countSenderMail(tx, sender.address, windowStart)) > deps.senderLimitPerHour
    ) {
      return fail('rate_limited', `${sender.address} sent more than ${deps.senderLimitPerHour} mails this hour`);
    }
    const ours = new Set(mailboxes.map((m) => m.address));
    const result = await importMessage(tx, { message, attachedOriginal, sender, mailboxTeamId: mailbox.teamId, ours, now });
    if (!result) {
      // An auto-reply or bounce about nothing we know: kept (raw), never answered, no ticket. Retried from the
      // failed-mail list, that is its end too: it leaves the list.
      const rawMessageId = await storeRaw({ status: 'noise', ticketId: null, ticketMessageId: null });
      if (reprocessRawId !== undefined) await repository.resolveFailures(tx, rawMessageId, now);
      return {
        outcome: {
          status: 'noise',
          rawMessageId,
          ticketId: null,
          ticketRef: null,
          createdTicket: false,
        } as IngestOutcome,
        pending: [],
      };
    }
    const status: RawMessageStatus = message.noise ? 'noise' : 'imported';
    const rawMessageId = await storeRaw({ status, ticketId: result.ticketId, ticketMessageId: result.messageId });
    if (reprocessRawId !== undefined) await repository.resolveFailures(tx, rawMessageId, now);
    // Outbox entries and search documents commit with the mail: one commit, and a 250 covers them too.
    await intake.stage(tx, result.pending, now);
    return {
      outcome: {
        status,
        rawMessageId,
        ticketId: result.ticketId,
        ticketRef: result.ref,
        createdTicket: result.createdTicket,
      } as IngestOutcome,
      pending: result.pending,
    };
  }

  async function importMessage(tx: Executor, mail: Incoming): Promise<EmailTicketResult | null> {
    const { message, sender, now } = mail;
    const { ticketId, answersMailTo } = await threadOf(tx, message, sender.address);
    // An auto-reply or bounce is worth keeping only on the conversation it is about.
    if (ticketId === null && message.noise && message.noise.kind !== 'bulk') return null;

    if (ticketId === null && !message.noise) {
      const forwarded = await forwardedByStaff(tx, mail);
      if (forwarded) return openForwardedTicket(tx, mail, forwarded);
    }

    const authorId = await intake.findOrCreateRequester(tx, sender.address, sender.name, now);
    const body = message.hasStrippedContent || !message.html ? message.replyText : message.html;
    const emailMessageId = message.messageId;
    if (ticketId !== null && !message.noise) {
      // Someone on the desk answering: their reply (or note), never a requester's message; whom they copy is theirs.
      const fromDesk = await intake.addStaffMail(tx, { ticketId, authorId, body, emailMessageId, now, answersOwnMail: answersMailTo === authorId });
      if (fromDesk) {
        await keepPartsOf(tx, message, message.attachments, fromDesk, authorId, now);
        return fromDesk;
      }
    }

    const copied = message.cc.filter((cc) => cc.address !== sender.address && !mail.ours.has(cc.address));
    const watcherIds: number[] = [];
    for (const cc of copied) watcherIds.push(await intake.findOrCreateRequester(tx, cc.address, cc.name, now));

    const result =
      ticketId === null
        ? await intake.openTicket(tx, {
            requesterId: authorId,
            subject: withoutTicketTags(message.subject),
            teamId: mail.mailboxTeamId,
            watcherIds,
            body,
            emailMessageId,
            now,
          })
        : await intake.addToTicket(tx, {
            ticketId,
            authorId,
            automatic: message.noise !== null,
            teamId: mail.mailboxTeamId,
            body,
            emailMessageId,
            now,
          });
    if (!result.createdTicket && watcherIds.length > 0 && !message.noise)
      await intake.addWatchers(tx, result.ticketId, watcherIds, now);
    await keepPartsOf(tx, message, message.attachments, result, authorId, now);
    return result;
  }

  /**
   * The ticket a mail continues: by a Message-ID we sent or received (whoever sends it: only people who got the
   * mail know those ids), else by its `[#1042]` subject tag when the sender is one of that ticket's people. Also whom
   * the mail of ours it answers went to (null: it answers none of ours).
   */
  async function threadOf(tx: Executor, message: InboundMessage, senderAddress: string): Promise<{ ticketId: number | null; answersMailTo: number | null }> {
    const candidates = [...threadCandidates(message.inReplyTo, message.references), ...bouncedMessageIds(message)];
    const known = await repository.findThreadedMail(tx, candidates);
    const match = resolveThread(candidates, new Map([...known].map(([messageId, mail]) => [messageId, mail.ticketId])), message.subject);
    if (match.by === 'message_id') return { ticketId: match.ticketId, answersMailTo: known.get(match.messageId)?.recipientId ?? null };
    const tagged = match.by === 'subject_ref' ? await intake.ticketTaggedBy(tx, match.ref, senderAddress) : undefined;
    return { ticketId: tagged?.id ?? null, answersMailTo: null };
  }

  /** Files on the message a mail became, and the mail's Message-ID, which later replies thread by. */
  async function keepPartsOf(
    tx: Executor,
    message: InboundMessage,
    attachments: readonly InboundAttachment[],
    result: EmailTicketResult,
    uploaderId: number,
    now: string,
  ): Promise<void> {
    for (const attachment of attachments) {
      await repository.insertAttachmentRow(tx, {
        ticketId: result.ticketId,
        messageId: result.messageId,
        sha256: attachment.sha256,
        sizeBytes: attachment.sizeBytes,
        contentType: attachment.contentType,
        fileName: attachment.fileName,
        contentId: attachment.contentId,
        isInline: attachment.isInline,
        uploadedById: uploaderId,
        createdAt: now,
      });
    }
    if (message.messageId) {
      await repository.rememberMessageId(tx, {
        messageId: message.messageId,
        ticketId: result.ticketId,
        ticketMessageId: result.messageId,
        direction: 'in',
        createdAt: now,
      });
    }
  }

  /** A new mail that someone on the desk forwarded (inline or as an attachment): null for any other mail. */
  async function forwardedByStaff(tx: Executor, mail: Incoming): Promise<{ forward: Forward; forwarderId: number } | null> {
    const forward = forwardIn(mail.message, mail.attachedOriginal);
    if (!forward || forward.from.address === mail.sender.address || mail.ours.has(forward.from.address)) return null;
    const forwarderId = await repository.staffUserId(tx, mail.sender.address);
    return forwarderId === undefined ? null : { forward, forwarderId };
  }

  /**
   * Opens the ticket for the person who wrote the forwarded mail, with their words as its first message (so the
   * receipt goes to them), and what the forwarder wrote as an internal note. The raw mail, with both, is kept as for
   * any mail.
   */
  async function openForwardedTicket(tx: Executor, mail: Incoming, forwarded: { forward: Forward; forwarderId: number }): Promise<EmailTicketResult> {
    const { message, ours, now } = mail;
    const { forward, forwarderId } = forwarded;
    const requesterId = await intake.findOrCreateRequester(tx, forward.from.address, forward.from.name, now);
    const watcherIds: number[] = [];
    for (const cc of message.cc.filter((cc) => cc.address !== forward.from.address && !ours.has(cc.address))) {
      watcherIds.push(await intake.findOrCreateRequester(tx, cc.address, cc.name, now));
    }
    const result = await intake.openTicket(tx, {
      requesterId,
      subject: forward.subject,
      teamId: mail.mailboxTeamId,
      watcherIds,
      body: forward.body,
      emailMessageId: message.messageId,
      now,
    });
    if (forward.note) result.pending.push(...(await intake.addNote(tx, { ticketId: result.ticketId, authorId: forwarderId, body: forward.note, now })));
    await keepPartsOf(tx, message, forward.attachments, result, forwarderId, now);
    return result;
  }

  return { ingest, ingestInOrder };
}

/** RFC 3464: a bounce carries the original (or its headers); its Message-ID threads the bounce. */
function bouncedMessageIds(message: InboundMessage): string[] {
  if (message.noise?.kind !== 'bounce') return [];
  const ids: string[] = [];
  for (const attachment of message.attachments) {
    if (!/^(message\/rfc822|text\/rfc822-headers|message\/global)/i.test(attachment.contentType)) continue;
    const header = attachment.content.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
    const match = /^message-id:\s*<([^>\s]+)>/im.exec(header);
    if (match?.[1]) ids.push(match[1]);
  }
  return ids;
}

export type MailIngestService = ReturnType<typeof createMailIngestService>;
