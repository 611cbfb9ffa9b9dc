import type { Generated } from 'kysely';
import type { Id, Instant, Json } from './column-types.js';

export interface SettingsTable {
  key: string;
  value: Json;
  updatedAt: Instant;
}

export type OutboxStatus = 'pending' | 'sent' | 'dead';

export interface OutboxTable {
  id: Id;
  kind: string;
  recipient: string;
  subject: string;
  payload: Json;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  nextAttemptAt: Instant;
  lastError: string | null;
  relatedUserId: number | null;
  createdAt: Instant;
  sentAt: Instant | null;
}

export interface PlatformTables {
  settings: SettingsTable;
  outbox: OutboxTable;
}
