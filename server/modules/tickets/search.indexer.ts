import type { Clock } from '../../platform/clock.js';
import type { Database, Executor } from '../../platform/db/database.js';
import type { DomainEvent, EventBus } from '../../platform/events/event-bus.js';
import { indexMessage, indexTicket, refreshScope } from './search.index.js';
import type { SearchIndexFeeder } from './search.index-queue.js';

/** Ticket ids an event touches: the ticket itself and, for a merge, both sides. */
function ticketIdsOf(event: DomainEvent): number[] {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const ids = [payload.ticketId, payload.sourceTicketId, payload.targetTicketId, payload.targetId, payload.sourceId].filter(
    (value): value is number => typeof value === 'number',
  );
  return [...new Set(ids)];
}

/** Fields of a ticket that say who may find its documents (their scope, search.query.ts). */
const visibilityFields = new Set(['teamId', 'assigneeId', 'requesterId', 'organizationId']);

/**
 * What a ticket update changes in the index: the text (a new subject: the whole ticket again), only who may find it
 * (team, assignee, requester, organisation: every document's scope), or nothing.
 */
function updateTouches(event: DomainEvent): 'text' | 'scope' | 'nothing' {
  const changes = (event.payload as { changes?: Array<{ field?: unknown }> }).changes;
  if (!Array.isArray(changes) || changes.some((change) => change.field === 'subject')) return 'text';
  return changes.some((change) => visibilityFields.has(String(change.field))) ? 'scope' : 'nothing';
}

/**
 * Keeps the search index in step with the conversation: each ticket event's documents are written in the
 * transaction of the change when the publisher stages it (one commit), else in a transaction of their own
 * right after it. `linchpin reindex-search` rebuilds everything should an instance die between the two.
 */
export function subscribeSearchIndexer({ database, clock, events, feeder }: { database: Database; clock: Clock; events: EventBus; feeder?: SearchIndexFeeder }): () => void {
  const handle = async (tx: Executor, event: DomainEvent, change: readonly DomainEvent[]) => {
    const touches = event.type === 'ticket.updated' ? updateTouches(event) : 'text';
    if (touches === 'nothing') return;
    // SQLite queues what the documents change for the full-text index (search.index-queue.ts): replay it soon.
    feeder?.kick();
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    // A new ticket is indexed whole, first message included: the same change's message.created adds nothing.
    if (event.type === 'message.created' && change.some((other) => other.type === 'ticket.created' && ticketIdsOf(other).includes(payload.ticketId as number))) return;
    const at = clock.now().toISOString();
    if (touches === 'scope') {
      for (const ticketId of ticketIdsOf(event)) await refreshScope(tx, ticketId, at);
      return;
    }
    // A new message adds one document: re-reading the whole thread would grow with the conversation.
    if (event.type === 'message.created' && typeof payload.messageId === 'number') {
      await indexMessage(tx, payload.messageId, at);
      return;
    }
    for (const ticketId of ticketIdsOf(event)) await indexTicket(tx, ticketId, at, event.type === 'ticket.created');
  };
  const unsubscribers = ['ticket.created', 'ticket.updated', 'message.created', 'ticket.merged', 'attachment.linked'].map((type) =>
    events.subscribeInTransaction(type, database.db, handle),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
