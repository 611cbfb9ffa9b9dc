import type { Db, Executor } from '../db/database.js';

/**
 * Domain events: what happened, after it committed. Modules react to each other through these
 * (mail on reply, SLA clock on create, live updates to browsers) instead of calling each other inline.
 */
export interface DomainEvent<TPayload = unknown> {
  /** e.g. 'ticket.created', 'ticket.updated', 'message.created'. */
  type: string;
  /** Instant it happened (ISO-8601 UTC). */
  occurredAt: string;
  /** Who caused it; null for the system (jobs, mail). */
  actorId: number | null;
  payload: TPayload;
}

export type EventHandler = (event: DomainEvent) => void | Promise<void>;

/**
 * A reaction that writes rows which must commit with the change itself (outbox entries, search documents, SLA
 * clocks). `change` is every event of the change `event` belongs to (staged together, or just `event`), so a
 * reaction that covers a whole ticket can run once per change instead of once per event.
 */
export type TransactionalEventHandler = (tx: Executor, event: DomainEvent, change: readonly DomainEvent[]) => Promise<void>;

export interface EventBus {
  /**
   * Delivers to subscribers in this instance and, on PostgreSQL, in every other instance. Call after commit.
   * In-transaction subscribers of an event that was not staged run here, in a transaction of their own.
   */
  publish(event: DomainEvent): Promise<void>;
  /** `type` is an event type or '*' for all; returns the unsubscribe function. */
  subscribe(type: string, handler: EventHandler): () => void;
  /**
   * A reaction that belongs in the publisher's transaction (house rule 4: a change and its outbox entry commit
   * together). When the publisher stages the event, `handler` runs in that transaction and a failure rolls the
   * change back; otherwise it runs at publish, in its own transaction on `db`. Runs only in the instance that
   * publishes: other instances receive the event after it committed, with these rows already written.
   */
  subscribeInTransaction(type: string, db: Db, handler: TransactionalEventHandler): () => void;
  /**
   * Runs the in-transaction subscribers of `events` inside `tx`, before its commit. Publish the same event
   * objects after commit: their in-transaction subscribers are then skipped.
   */
  stage(tx: Executor, events: readonly DomainEvent[]): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
