import type { CreateMessageBody, Message, Ticket } from '../../../shared/schemas/tickets.js';
import { requesterReplyOutcome } from '../../../shared/ticket-status.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { ticketScope, type Actor } from '../identity/index.js';
import { agentReplyRefusal, writeAgentReply } from './agent-reply.js';
import { linkAttachments } from './attachments.service.js';
import { attachmentsOfMessages, insertMessage, insertLink, listMessages, moveAttachmentsToTicket, touchTicket } from './conversation.repository.js';
import type { DeskSettingsService } from './desk-settings.service.js';
import { prepareMessageBody } from './message-body.js';
import { assertAgentMay, assertUsesTickets, canSeeInternalNotes, transitionActor } from './ticket-access.js';
import { planTicketChanges } from './ticket-changes.js';
import { insertNewTicket } from './ticket-creation.js';
import { commitPlan, inTicketTransaction, loadForChange, messageCreatedEvent, publishAll, recordHistory, ticketCreatedEvent, ticketUpdatedEvent, type PendingEvent } from './ticket-writes.js';
import { presentMessage, type MessageRow, type TicketRow } from './tickets.presenter.js';
import { findVisibleTicket, loadUsers } from './tickets.repository.js';

export interface MessagesServiceDependencies {
  database: Database;
  clock: Clock;
  events: EventBus;
  settings: DeskSettingsService;
  reopenWindowDays: number;
  presentTicket: (row: TicketRow) => Promise<Ticket>;
}

/** The conversation: read it (notes hidden from requesters) and add to it, with the status rules of a reply. */
export function createMessagesService(deps: MessagesServiceDependencies) {
  const { database, clock, events, settings } = deps;
  const db = database.db;

  async function list(actor: Actor, ticketId: number, options: { after?: number | undefined; limit: number }) {
    assertUsesTickets(actor);
    const ticket = await findVisibleTicket(db, ticketId, ticketScope(actor));
    if (!ticket) throw new NotFoundError(`Ticket ${ticketId} does not exist.`, { ticketId });
    const rows = await listMessages(db, ticketId, { includeInternal: canSeeInternalNotes(actor), afterId: options.after, limit: options.limit + 1 });
    const page = rows.slice(0, options.limit);
    const users = await loadUsers(db, page.map((row) => row.authorId));
    const files = await attachmentsOfMessages(db, page.map((row) => row.id));
    const last = page[page.length - 1];
    return { items: page.map((row) => presentMessage(row, users, files.get(row.id))), nextCursor: rows.length > options.limit && last ? String(last.id) : null };
  }

  /**
   * Adds a message. A requester's reply may move the ticket (pending → open, reopen) or, on a
   * finished ticket, start a new one linked to it; an agent's first public reply answers a new ticket.
   * Returns the message and the ticket it ended up on.
   */
  async function post(actor: Actor, ticketId: number, body: CreateMessageBody): Promise<{ message: Message; ticket: Ticket }> {
    assertUsesTickets(actor);
    const asRequester = transitionActor(actor) === 'requester';
    if (asRequester && body.internal) throw new ForbiddenError('forbidden', 'Requesters cannot write internal notes.');
    if (!asRequester) {
      if (body.internal) assertAgentMay(actor, 'tickets.note', 'write internal notes');
      else assertAgentMay(actor, 'tickets.reply', 'reply to requesters');
    }
    const prepared = prepareMessageBody(body.body);
    const matrix = await settings.priorityMatrix();
    const customFields = await settings.listCustomFields();
    const now = nowIso(clock);
    const channel = body.channel ?? (actor.via === 'token' ? 'api' : 'portal');

    // Outbox entries and search documents of the new message are written in this transaction (one commit).
    const outcome = await inTicketTransaction(db, events, now, async (tx) => {
      const row = await loadForChange(tx, database.dialect, ticketId, ticketScope(actor));
      const pending: PendingEvent[] = [];
      const attachmentIds = body.attachmentIds ?? [];
      // Only the caller's own pending uploads on this ticket; anything else refuses the whole message (400).
      const attach = (message: MessageRow) => linkAttachments(tx, { ticketId: row.id, messageId: message.id, uploaderId: actor.userId, attachmentIds });
      const insert = (target: TicketRow, kind: MessageRow['kind']) =>
        insertMessage(tx, {
          ticketId: target.id,
          authorId: actor.userId,
          kind,
          isInternal: kind === 'note',
          channel,
          bodyHtml: prepared.html,
          bodyText: prepared.text,
          emailMessageId: null,
          movedFromTicketId: null,
          createdAt: now,
        });
      const newMessage = async (target: TicketRow, kind: MessageRow['kind']) => {
        const message = await insert(target, kind);
        await attach(message);
        return message;
      };

      if (asRequester) {
        const next = requesterReplyOutcome(row, now, deps.reopenWindowDays);
        if (next.kind === 'new_ticket') {
          // Closed is final: the reply becomes a new ticket that points back at the old one.
          const created = await insertNewTicket(
            { tx, dialect: database.dialect, matrix, customFields: [], actorId: actor.userId, now },
            {
              subject: row.subject,
              body: body.body,
              // Whoever wrote asks now (a colleague may answer a shared request), as with mail to a closed ticket.
              requesterId: actor.userId,
              channel,
              type: row.type,
              impact: row.impact,
              urgency: row.urgency,
              categoryId: row.categoryId,
              teamId: row.teamId,
            },
          );
          // The files were uploaded to the finished ticket: they follow the reply to the new one.
          await attach(created.message);
          await moveAttachmentsToTicket(tx, attachmentIds, created.ticket.id);
          await insertLink(tx, { ticketId: created.ticket.id, linkedTicketId: row.id, kind: 'related', createdById: actor.userId, createdAt: now });
          await recordHistory(tx, created.ticket.id, [{ field: 'link', from: null, to: { relation: 'related', ticketId: row.id, ref: row.ref } }], actor.userId, now, 'follow-up to a finished ticket');
          await recordHistory(tx, row.id, [{ field: 'link', from: null, to: { relation: 'related', ticketId: created.ticket.id, ref: created.ticket.ref } }], actor.userId, now, 'follow-up to a finished ticket');
          pending.push(ticketCreatedEvent(created.ticket, actor.userId), messageCreatedEvent(created.ticket, created.message));
          return { ticket: created.ticket, message: created.message, pending };
        }
        const message = await newMessage(row, 'message');
        let ticket = row;
        if (next.kind === 'transition') {
          const plan = await planTicketChanges({ tx, matrix, customFields, actor: 'agent', now, systemStatusChange: true }, row, { status: next.to });
          ticket = await commitPlan(tx, row, plan, actor.userId, now, next.reopen ? 'the requester replied to a resolved ticket' : 'the requester replied');
          if (plan.changes.length > 0) pending.push(ticketUpdatedEvent(row, ticket, plan.changes, actor.userId));
        }
        await touchTicket(tx, row.id, now, true);
        pending.unshift(messageCreatedEvent(ticket, message));
        return { ticket: { ...ticket, updatedAt: now, lastPublicActivityAt: now }, message, pending };
      }

      if (body.internal) {
        // A note changes nothing a requester can see, not even the ticket's updated time.
        const message = await newMessage(row, 'note');
        pending.push(messageCreatedEvent(row, message));
        return { ticket: row, message, pending };
      }

      const refusal = agentReplyRefusal(actor, row);
      if (refusal) throw refusal;
      return writeAgentReply(tx, matrix, row, { authorId: actor.userId, channel, body: prepared, emailMessageId: null, now }, attach);
    });

    await publishAll(events, now, outcome.pending);
    const users = await loadUsers(db, [outcome.message.authorId]);
    const files = await attachmentsOfMessages(db, [outcome.message.id]);
    return { message: presentMessage(outcome.message, users, files.get(outcome.message.id)), ticket: await deps.presentTicket(outcome.ticket) };
  }

  return { list, post };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
