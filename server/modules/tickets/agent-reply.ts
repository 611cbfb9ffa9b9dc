import type { PriorityMatrix } from '../../../shared/priority-matrix.js';
import { statusAfterAgentReply } from '../../../shared/ticket-status.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, type AppError } from '../../platform/http/errors.js';
import { can, canSeeTicket, isRequesterOnly, ticketScope, type Actor } from '../identity/index.js';
import { insertMessage, touchTicket } from './conversation.repository.js';
import type { MessageBody } from './message-body.js';
import { planTicketChanges } from './ticket-changes.js';
import { commitPlan, messageCreatedEvent, ticketUpdatedEvent, type PendingEvent } from './ticket-writes.js';
import type { MessageRow, TicketRow } from './tickets.presenter.js';

/**
 * An agent's public reply to the requester: the one piece of code behind `POST /api/v1/tickets/:id/messages` and
 * behind a reply an agent sends by mail, so both write the same message kind, move the status by the same rule,
 * queue the same notification and move the same SLA clocks (through the events they stage).
 */

/** Why `actor` may not answer the requester on `ticket`, as the API refuses it (403, 404, 409); null when they may. */
export function agentReplyRefusal(actor: Actor, ticket: TicketRow): AppError | null {
  if (isRequesterOnly(actor) || !can(actor, 'tickets.reply')) return new ForbiddenError('forbidden', 'Your role may not reply to requesters.');
  if (!canSeeTicket(ticketScope(actor), ticket)) return new NotFoundError(`Ticket ${ticket.id} does not exist.`, { ticketId: ticket.id });
  if (ticket.status === 'closed') return closedTicketError(ticket);
  return null;
}

function closedTicketError(ticket: TicketRow): ConflictError {
  return new ConflictError('invalid_transition', `Ticket #${ticket.ref} is closed; closed is final. The requester's next message opens a new ticket.`, {
    from: 'closed',
    allowed: [],
  });
}

export interface AgentReply {
  authorId: number;
  channel: MessageRow['channel'];
  body: MessageBody;
  /** RFC 5322 Message-ID of the mail the reply came in, for a reply sent by mail. */
  emailMessageId: string | null;
  now: string;
}

/**
 * Writes the reply and what it does to the ticket: a new ticket becomes open, the first public reply sets the first
 * response time. `afterInsert` attaches files before the ticket moves. Checked by `agentReplyRefusal` first.
 */
export async function writeAgentReply(
  tx: Executor,
  matrix: PriorityMatrix,
  row: TicketRow,
  reply: AgentReply,
  afterInsert?: (message: MessageRow) => Promise<void>,
): Promise<{ ticket: TicketRow; message: MessageRow; pending: PendingEvent[] }> {
  if (row.status === 'closed') throw closedTicketError(row);
  const { now } = reply;
  const message = await insertMessage(tx, {
    ticketId: row.id,
    authorId: reply.authorId,
    kind: 'reply',
    isInternal: false,
    channel: reply.channel,
    bodyHtml: reply.body.html,
    bodyText: reply.body.text,
    emailMessageId: reply.emailMessageId,
    movedFromTicketId: null,
    createdAt: now,
  });
  await afterInsert?.(message);
  const pending: PendingEvent[] = [];
  let ticket = row;
  const nextStatus = statusAfterAgentReply(row.status);
  if (row.firstResponseAt === null || nextStatus !== row.status) {
    // A reply sets no custom field, so none are needed to plan it.
    const plan = await planTicketChanges({ tx, matrix, customFields: [], actor: 'agent', now, systemStatusChange: true }, row, { status: nextStatus });
    if (row.firstResponseAt === null) {
      plan.set.firstResponseAt = now;
      plan.set.updatedAt = now;
      plan.changes.push({ field: 'firstResponseAt', from: null, to: now });
    }
    ticket = await commitPlan(tx, row, plan, reply.authorId, now, null);
    pending.push(ticketUpdatedEvent(row, ticket, plan.changes, reply.authorId));
  }
  await touchTicket(tx, row.id, now, true);
  pending.unshift(messageCreatedEvent(ticket, message));
  return { ticket: { ...ticket, updatedAt: now, lastPublicActivityAt: now }, message, pending };
}
