import type { Id, Instant } from '../db/column-types.js';

/** Events too large for one NOTIFY wait here; the notification carries only the id. */
export interface EventPayloadsTable {
  id: Id;
  /** The serialised event. */
  body: string;
  createdAt: Instant;
}

export interface EventsTables {
  eventPayloads: EventPayloadsTable;
}
