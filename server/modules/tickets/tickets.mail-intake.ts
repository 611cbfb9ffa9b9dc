import { requesterReplyOutcome } from '../../../shared/ticket-status.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Executor } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { canSeeTicket, isRequesterOnly, loadActor, ticketScope } from '../identity/index.js';
import { agentReplyRefusal, writeAgentReply } from './agent-reply.js';
import { insertLink, insertMessage, touchTicket } from './conversation.repository.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import { createDeskSettingsService } from './desk-settings.service.js';
import { prepareMessageBody } from './message-body.js';
import { planTicketChanges } from './ticket-changes.js';
import { insertNewTicket } from './ticket-creation.js';
import { commitPlan, loadForChange, messageCreatedEvent, publishAll, recordHistory, stageAll, ticketCreatedEvent, ticketUpdatedEvent, type PendingEvent } from './ticket-writes.js';
import type { TicketRow } from './tickets.presenter.js';
import { createRequesterUser, findTicket, findUserIdByEmail, replaceWatchers } from './tickets.repository.js';

/**
 * What the mail channel needs from tickets, as steps that run inside the mail channel's own
 * transaction: the raw message, the ticket and its message commit together, so the SMTP listener
 * can acknowledge a mail only once all of it is stored. Events are returned, to publish after commit.
 */
export interface EmailTicketResult {
  ticketId: number;
  ref: number;
  messageId: number;
  /** True when the mail started a ticket (new conversation, or a follow-up to a closed one). */
  createdTicket: boolean;
  pending: PendingEvent[];
}

export interface EmailBody {
  /** Sanitised HTML or plain text; sanitised again on the way in. */
  body: string;
  /** RFC 5322 Message-ID of the mail, kept on the message for threading. */
  emailMessageId: string | null;
}

/** A message that arrived by mail: from the requester's side, or internal (automatic mail, a forwarder's note). */
function insertMailMessage(tx: Executor, target: TicketRow, input: EmailBody & { authorId: number; internal: boolean; now: string }) {
  const prepared = prepareMessageBody(input.body);
  return insertMessage(tx, {
    ticketId: target.id,
    authorId: input.authorId,
    kind: input.internal ? 'note' : 'message',
    isInternal: input.internal,
    channel: 'email',
    bodyHtml: prepared.html,
    bodyText: prepared.text,
    emailMessageId: input.emailMessageId,
    movedFromTicketId: null,
    createdAt: input.now,
  });
}

export function createEmailIntake(deps: { db: Db; dialect: Dialect; clock: Clock; events: EventBus; reopenWindowDays: number }) {
  const settings = createDeskSettingsService({ db: deps.db, clock: deps.clock });
  /** The user behind an address; unknown senders become requesters (organisation by domain). */
  async function findOrCreateRequester(tx: Executor, address: string, name: string, now: string): Promise<number> {
    const existing = await findUserIdByEmail(tx, address);
    if (existing !== undefined) return existing;
    return createRequesterUser(tx, address, name.trim() || address.split('@')[0] || address, now);
  }

  /**
   * The ticket a `[#1042]` subject tag names, when the sender is one of its people: its requester, a watcher, or
   * someone on the desk who may see it. Anyone can type a number, so a tag alone never lets a stranger write on (or
   * learn of) someone else's ticket; Message-IDs are another matter, since only those who got our mail know them.
   */
  async function ticketTaggedBy(tx: Executor, ref: number, senderAddress: string): Promise<{ id: number; ref: number } | undefined> {
    const ticket = await tx.selectFrom('tickets').selectAll().where('ref', '=', ref).executeTakeFirst();
    const senderId = ticket && (await findUserIdByEmail(tx, senderAddress));
    if (!ticket || senderId === undefined) return undefined;
    if (ticket.requesterId === senderId || parseJson<number[]>(ticket.watcherIds).map(Number).includes(senderId)) return ticket;
    const sender = await loadActor(tx, senderId, 'mail');
    return sender && !isRequesterOnly(sender) && canSeeTicket(ticketScope(sender), ticket) ? ticket : undefined;
  }

  /** A new ticket from a mail; `followUpOf` links it to the finished ticket the mail answered. */
  async function openTicket(
    tx: Executor,
    input: EmailBody & { requesterId: number; subject: string; teamId: number | null; watcherIds: number[]; now: string; followUpOf?: TicketRow },
  ): Promise<EmailTicketResult> {
    const matrix = await settings.priorityMatrix(tx);
    const previous = input.followUpOf;
    // Custom fields cannot be filled in by mail, so none are demanded here.
    const created = await insertNewTicket(
      { tx, dialect: deps.dialect, matrix, customFields: [], actorId: input.requesterId, now: input.now },
      {
        subject: input.subject.slice(0, 500) || '(no subject)',
        body: input.body,
        requesterId: previous?.requesterId ?? input.requesterId,
        channel: 'email',
        teamId: previous?.teamId ?? input.teamId,
        watcherIds: input.watcherIds.filter((id) => id !== (previous?.requesterId ?? input.requesterId)),
        ...(previous ? { type: previous.type, impact: previous.impact, urgency: previous.urgency, categoryId: previous.categoryId } : {}),
      },
    );
    if (input.emailMessageId) {
      await tx.updateTable('ticketMessages').set({ emailMessageId: input.emailMessageId }).where('id', '=', created.message.id).execute();
    }
    const pending: PendingEvent[] = [ticketCreatedEvent(created.ticket, input.requesterId), messageCreatedEvent(created.ticket, created.message)];
    if (previous) {
      await insertLink(tx, { ticketId: created.ticket.id, linkedTicketId: previous.id, kind: 'related', createdById: input.requesterId, createdAt: input.now });
      await recordHistory(tx, created.ticket.id, [{ field: 'link', from: null, to: { relation: 'related', ticketId: previous.id, ref: previous.ref } }], input.requesterId, input.now, 'mail to a finished ticket');
      await recordHistory(tx, previous.id, [{ field: 'link', from: null, to: { relation: 'related', ticketId: created.ticket.id, ref: created.ticket.ref } }], input.requesterId, input.now, 'mail to a finished ticket');
    }
    return { ticketId: created.ticket.id, ref: created.ticket.ref, messageId: created.message.id, createdTicket: true, pending };
  }

  /**
   * A mail on an existing ticket, with the rules of a requester's reply: pending → open, a resolved
   * ticket reopens within the window, a closed one gets a new linked ticket. Automatic mail
   * (auto-replies, bounces) is kept as an internal note and moves nothing.
   */
  async function addToTicket(
    tx: Executor,
    input: EmailBody & { ticketId: number; authorId: number; automatic: boolean; teamId: number | null; now: string },
  ): Promise<EmailTicketResult> {
    const row = await findTicket(tx, input.ticketId);
    if (!row) throw new Error(`ticket ${input.ticketId} vanished`);
    const write = (target: TicketRow, internal: boolean) => insertMailMessage(tx, target, { ...input, internal });
    if (input.automatic) {
      const message = await write(row, true);
      return { ticketId: row.id, ref: row.ref, messageId: message.id, createdTicket: false, pending: [messageCreatedEvent(row, message)] };
    }
    const next = requesterReplyOutcome(row, input.now, deps.reopenWindowDays);
    if (next.kind === 'new_ticket') {
      return openTicket(tx, { ...input, requesterId: input.authorId, subject: row.subject, watcherIds: [], followUpOf: row });
    }
    const message = await write(row, false);
    const pending: PendingEvent[] = [];
    let ticket = row;
    if (next.kind === 'transition') {
      const matrix = await settings.priorityMatrix(tx);
      const plan = await planTicketChanges({ tx, matrix, customFields: [], actor: 'agent', now: input.now, systemStatusChange: true }, row, { status: next.to });
      ticket = await commitPlan(tx, row, plan, input.authorId, input.now, next.reopen ? 'the requester replied by mail to a resolved ticket' : 'the requester replied by mail');
      if (plan.changes.length > 0) pending.push(ticketUpdatedEvent(row, ticket, plan.changes, input.authorId));
    }
    await touchTicket(tx, row.id, input.now, true);
    pending.unshift(messageCreatedEvent(ticket, message));
    return { ticketId: row.id, ref: row.ref, messageId: message.id, createdTicket: false, pending };
  }

  /**
   * A mail from someone on the desk on a ticket they are not the requester of; null when the author is not (active)
   * desk staff, or is the ticket's own requester, whose mail is the requester's side as anyone's. When they may
   * answer the requester (the API's rule, agentReplyRefusal) and the mail answers one we sent them, it is their
   * public reply, written by the API's own reply code: same kind, status rule, notification and SLA effects.
   * Otherwise it is kept as their internal note: their words are not lost, the requester never sees them, and
   * nobody answers a requester in the name of someone who may not.
   *
   * `answersOwnMail`: the mail answers a mail we sent to this author. A From header is easy to forge, and a forged
   * agent's reply would reach the requester in the desk's name; the Message-ID of a notice we sent them (a random
   * UUID) is known only to their mailbox. Their reply to the requester's own mail (copied to them), or with only the
   * ticket's tag, is kept as a note.
   */
  async function addStaffMail(
    tx: Executor,
    input: EmailBody & { ticketId: number; authorId: number; now: string; answersOwnMail: boolean },
  ): Promise<EmailTicketResult | null> {
    const author = await loadActor(tx, input.authorId, 'mail');
    if (!author || isRequesterOnly(author)) return null;
    // Locked like the API's reply (PostgreSQL): the status rule reads the row it then writes.
    const row = await loadForChange(tx, deps.dialect, input.ticketId, { kind: 'all', seesInternalNotes: true });
    if (row.requesterId === author.userId) return null;
    if (!input.answersOwnMail || agentReplyRefusal(author, row) !== null) {
      const message = await insertMailMessage(tx, row, { ...input, internal: true });
      return { ticketId: row.id, ref: row.ref, messageId: message.id, createdTicket: false, pending: [messageCreatedEvent(row, message)] };
    }
    const matrix = await settings.priorityMatrix(tx);
    const reply = { authorId: author.userId, channel: 'email' as const, body: prepareMessageBody(input.body), emailMessageId: input.emailMessageId, now: input.now };
    const written = await writeAgentReply(tx, matrix, row, reply);
    return { ticketId: row.id, ref: row.ref, messageId: written.message.id, createdTicket: false, pending: written.pending };
  }

  /** An internal note by someone on the desk (the words above a mail they forwarded); it moves nothing. */
  async function addNote(tx: Executor, input: { ticketId: number; authorId: number; body: string; now: string }): Promise<PendingEvent[]> {
    const row = await findTicket(tx, input.ticketId);
    if (!row) throw new Error(`ticket ${input.ticketId} vanished`);
    const message = await insertMailMessage(tx, row, { ...input, internal: true, emailMessageId: null });
    return [messageCreatedEvent(row, message)];
  }

  /** Cc'd people follow the ticket; the requester is never their own watcher. */
  async function addWatchers(tx: Executor, ticketId: number, userIds: number[], now: string): Promise<void> {
    const ticket = await findTicket(tx, ticketId);
    if (!ticket) return;
    const before = parseJson<number[]>(ticket.watcherIds).map(Number);
    const added = [...new Set(userIds)].filter((id) => id !== ticket.requesterId && !before.includes(id));
    if (added.length === 0) return;
    const after = [...before, ...added];
    await replaceWatchers(tx, ticketId, before, after, now);
    // The row keeps a copy of the watcher ids; a change to it is a change to the ticket (version).
    await tx
      .updateTable('tickets')
      .set((eb) => ({ watcherIds: JSON.stringify(after), version: eb('version', '+', 1) }))
      .where('id', '=', ticketId)
      .execute();
    await recordHistory(tx, ticketId, [{ field: 'watcherIds', from: before, to: after }], null, now, 'copied on a mail');
  }

  return {
    findOrCreateRequester,
    ticketTaggedBy,
    openTicket,
    addToTicket,
    addStaffMail,
    addNote,
    addWatchers,
    /** Runs the reactions that commit with the mail (outbox entries, search documents) inside its transaction. */
    stage: (tx: Executor, pending: readonly PendingEvent[], at: string) => stageAll(tx, deps.events, at, pending),
    /** After commit: the same event objects, so their staged reactions do not run twice. */
    publish: (pending: readonly PendingEvent[], at: string) => publishAll(deps.events, at, pending),
  };
}

export type EmailIntake = ReturnType<typeof createEmailIntake>;
