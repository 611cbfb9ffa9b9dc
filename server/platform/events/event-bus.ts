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

export interface EventBus {
  /** Delivers to subscribers in this instance and, on PostgreSQL, in every other instance. Call after commit. */
  publish(event: DomainEvent): Promise<void>;
  /** `type` is an event type or '*' for all; returns the unsubscribe function. */
  subscribe(type: string, handler: EventHandler): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}
