import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DomainEvent, EventBus } from '../../platform/events/event-bus.js';
import { indexTicket } from './search.index.js';

/** Ticket ids an event touches: the ticket itself and, for a merge, both sides. */
function ticketIdsOf(event: DomainEvent): number[] {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const ids = [payload.ticketId, payload.sourceTicketId, payload.targetTicketId, payload.targetId, payload.sourceId].filter(
    (value): value is number => typeof value === 'number',
  );
  return [...new Set(ids)];
}

/** A ticket update only changes searchable text when the subject changed. */
function touchesText(event: DomainEvent): boolean {
  if (event.type !== 'ticket.updated') return true;
  const changes = (event.payload as { changes?: Array<{ field?: unknown }> }).changes;
  return !Array.isArray(changes) || changes.some((change) => change.field === 'subject');
}

/**
 * Keeps the search index in step with the conversation: on each ticket event, after commit, the
 * ticket's documents are re-synced before the publisher's request answers (the bus awaits handlers).
 * Another instance receiving the same event re-syncs too, which is a no-op. `linchpin reindex-search`
 * rebuilds everything should an instance die between commit and indexing.
 */
export function subscribeSearchIndexer({ database, clock, events }: { database: Database; clock: Clock; events: EventBus }): () => void {
  const handle = async (event: DomainEvent) => {
    if (!touchesText(event)) return;
    for (const ticketId of ticketIdsOf(event)) await indexTicket(database.db, ticketId, clock.now().toISOString());
  };
  const unsubscribers = ['ticket.created', 'ticket.updated', 'message.created', 'ticket.merged', 'attachment.linked'].map((type) =>
    events.subscribe(type, handle),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
