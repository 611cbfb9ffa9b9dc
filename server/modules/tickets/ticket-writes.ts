import type { Db, Dialect, Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { DomainEvent, EventBus } from '../../platform/events/event-bus.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import type { TicketScope } from '../identity/index.js';
import type { ChangePlan, FieldChange } from './ticket-changes.js';
import { presentTicket, visibilityOf, type MessageRow, type TicketRow } from './tickets.presenter.js';
import { findVisibleTicket, insertHistory, loadUsers, replaceTags, replaceWatchers, updateTicketAtVersion } from './tickets.repository.js';

/** Building blocks every ticket-changing use case shares: locked reads, versioned writes, events. */

/**
 * Reads a ticket the actor may see, inside a transaction, locking its row on PostgreSQL so that a
 * check-then-write (status rules, the version) cannot interleave with another writer. SQLite has a
 * single writer, so its transaction is lock enough.
 */
export async function loadForChange(tx: Executor, dialect: Dialect, id: number, scope: TicketScope): Promise<TicketRow> {
  if (dialect === 'postgres') {
    // Lock first (no join), then read with the scope: FOR UPDATE and the policy's OR stay simple.
    await tx.selectFrom('tickets').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }
  const row = await findVisibleTicket(tx, id, scope);
  if (!row) throw new NotFoundError(`Ticket ${id} does not exist.`, { ticketId: id });
  return row;
}

export async function staleVersionError(tx: Executor, row: TicketRow, sentVersion: number): Promise<ConflictError> {
  const users = await loadUsers(tx, [row.requesterId, row.assigneeId]);
  return new ConflictError('stale_version', `Ticket #${row.ref} changed since you loaded it (you sent version ${sentVersion}, it is at ${row.version}).`, {
    current: presentTicket(row, users),
  });
}

/** Writes a planned change, its tag and watcher rows and one history row per field, at the row's version. */
export async function commitPlan(
  tx: Executor,
  row: TicketRow,
  plan: ChangePlan,
  actorId: number | null,
  at: string,
  reason: string | null,
): Promise<TicketRow> {
  if (plan.changes.length === 0) return row;
  const updated = await updateTicketAtVersion(tx, row.id, row.version, plan.set);
  if (!updated) {
    const current = await findVisibleTicket(tx, row.id, { kind: 'all', seesInternalNotes: true });
    if (!current) throw new NotFoundError(`Ticket ${row.id} does not exist.`);
    throw await staleVersionError(tx, current, row.version);
  }
  if (plan.tags) await replaceTags(tx, row.id, plan.tags.before, plan.tags.after);
  if (plan.watchers) await replaceWatchers(tx, row.id, plan.watchers.before, plan.watchers.after, at);
  await recordHistory(tx, row.id, plan.changes, actorId, at, reason);
  return updated;
}

export async function recordHistory(
  tx: Executor,
  ticketId: number,
  changes: readonly FieldChange[],
  actorId: number | null,
  at: string,
  reason: string | null,
): Promise<void> {
  await insertHistory(
    tx,
    changes.map((change) => ({ ticketId, actorId, field: change.field, fromValue: change.from, toValue: change.to, reason, createdAt: at })),
  );
}

export type PendingEvent = { type: 'ticket.created' | 'ticket.updated' | 'message.created' | 'ticket.merged'; actorId: number | null; payload: Record<string, unknown> };

/**
 * ticket.updated carries the visibility of the ticket before and after, so the event stream can tell
 * someone who just lost sight of a ticket (reassigned away) as well as those who gained it.
 */
export function ticketUpdatedEvent(before: TicketRow, after: TicketRow, changes: readonly FieldChange[], actorId: number | null): PendingEvent {
  return {
    type: 'ticket.updated',
    actorId,
    payload: {
      ...visibilityOf(after),
      previous: { teamId: before.teamId, assigneeId: before.assigneeId, requesterId: before.requesterId, organizationId: before.organizationId },
      status: after.status,
      priority: after.priority,
      version: after.version,
      changes: changes.map((c) => ({ field: c.field, from: c.from, to: c.to })),
    },
  };
}

export function ticketCreatedEvent(row: TicketRow, actorId: number | null): PendingEvent {
  return { type: 'ticket.created', actorId, payload: { ...visibilityOf(row), status: row.status, priority: row.priority, subject: row.subject, version: row.version } };
}

export function messageCreatedEvent(ticket: TicketRow, message: MessageRow): PendingEvent {
  return {
    type: 'message.created',
    actorId: message.authorId,
    // `internal` lets the event stream drop notes for requesters without loading the message.
    payload: { ...visibilityOf(ticket), messageId: message.id, kind: message.kind, internal: Boolean(message.isInternal), authorId: message.authorId, channel: message.channel },
  };
}

// One DomainEvent object per pending event: the bus recognises a staged event by its identity at publish.
const domainEvents = new WeakMap<PendingEvent, DomainEvent>();

function domainEventOf(event: PendingEvent, at: string): DomainEvent {
  let domainEvent = domainEvents.get(event);
  if (!domainEvent) {
    domainEvent = { type: event.type, occurredAt: at, actorId: event.actorId, payload: event.payload };
    domainEvents.set(event, domainEvent);
  }
  return domainEvent;
}

/**
 * Runs the reactions that must commit with the change (mail outbox rows, search documents) inside `tx`
 * (house rule 4). Publish the same pending events with publishAll after commit.
 */
export async function stageAll(tx: Executor, events: EventBus, at: string, pending: readonly PendingEvent[]): Promise<void> {
  await events.stage(tx, pending.map((event) => domainEventOf(event, at)));
}

/**
 * A ticket-changing transaction whose result names its pending events: they are staged before it commits,
 * so the change, its history, its outbox entries and its search documents are one commit.
 */
export function inTicketTransaction<T extends { pending: readonly PendingEvent[] }>(db: Db, events: EventBus, at: string, work: (tx: Executor) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    const result = await work(tx);
    await stageAll(tx, events, at, result.pending);
    return result;
  });
}

/**
 * Published after commit; a failing subscriber is logged by the bus and never undoes the change. Events that
 * were not staged have their in-transaction reactions run here, each in a transaction of its own.
 */
export async function publishAll(events: EventBus, at: string, pending: readonly PendingEvent[]): Promise<void> {
  for (const event of pending) await events.publish(domainEventOf(event, at));
}
