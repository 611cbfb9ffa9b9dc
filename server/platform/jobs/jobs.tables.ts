import type { Generated } from 'kysely';
import type { Id, Instant, Json } from '../db/column-types.js';

/** pending → running → done | failed; a failed attempt with tries left goes back to pending, later. */
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Id;
  name: string;
  payload: Json;
  runAt: Instant;
  status: Generated<JobStatus>;
  /** Attempts started so far (a claim counts, even if the instance then crashed). */
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  uniqueKey: string | null;
  /** Recurring jobs only: milliseconds between runs. */
  intervalMs: number | null;
  /** The scheduler instance holding the lease while running. */
  lockedBy: string | null;
  /** Lease end: past it, another instance may take the job over (its holder is presumed dead). */
  lockedUntil: Instant | null;
  lastError: string | null;
  createdAt: Instant;
  updatedAt: Instant;
  finishedAt: Instant | null;
}

export interface JobsTables {
  jobs: JobsTable;
}
