import { sql } from 'kysely';
import type { Database, Db, Dialect } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';

/**
 * SQLite's full-text index is fed from `search_index_queue` (migration 2026-12-03T1100): the triggers on
 * `search_documents` queue each change, and the queue is replayed into FTS5 here, many writes at a time, so the index
 * writes one segment for them all instead of one per commit. PostgreSQL indexes in the row itself (a generated
 * tsvector) and has no queue.
 *
 * Nothing reads the index before it has caught up: `catchUpSearchIndex` runs before every query that matches text.
 */

/** Replays every queued change into the index in one transaction, in order; returns how many were replayed. */
export async function flushSearchIndexQueue(db: Db): Promise<number> {
  return inTransaction(db, async (tx) => {
    const { rows } = await sql<{ last: number | null }>`select max(seq) as last from search_index_queue`.execute(tx);
    const last = rows[0]?.last;
    if (last === null || last === undefined) return 0;
    // A null command column is a plain insert; 'delete' removes the values that were indexed.
    await sql`insert into search_documents_fts (search_documents_fts, rowid, body, scope)
      select case when is_delete then 'delete' end, document_id, body, scope from search_index_queue where seq <= ${last} order by seq`.execute(tx);
    const deleted = await sql`delete from search_index_queue where seq <= ${last}`.execute(tx);
    return Number(deleted.numAffectedRows ?? 0);
  });
}

/** Forgets what is queued: for a caller that has just rebuilt the whole index from `search_documents`, in its transaction. */
export async function discardSearchIndexQueue(db: Db): Promise<void> {
  await sql`delete from search_index_queue`.execute(db);
}

/** Brings the index up to every committed change before a query that reads it (a cheap look when nothing waits). */
export async function catchUpSearchIndex(db: Db, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  const waiting = await sql<{ one: number }>`select 1 as one from search_index_queue limit 1`.execute(db);
  if (waiting.rows.length > 0) await flushSearchIndexQueue(db);
}

export interface SearchIndexFeeder {
  /** Asks for a replay soon: the writes of the next few milliseconds join it. */
  kick(): void;
  /** Stops the timer; what is still queued stays queued (durable) for the next replay. */
  stop(): void;
}

/**
 * Replays the queue `delayMs` after the first write that asked, so that the writes of that window share one replay;
 * reads catch up by themselves, so the delay only bounds how long the queue grows.
 */
export function createSearchIndexFeeder(database: Pick<Database, 'db' | 'dialect'>, options: { delayMs?: number; onError: (error: unknown) => void }): SearchIndexFeeder {
  const delayMs = options.delayMs ?? 100;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = () => {
    timer = null;
    flushSearchIndexQueue(database.db).catch(options.onError);
  };
  return {
    kick() {
      if (database.dialect !== 'sqlite' || stopped || timer) return;
      timer = setTimeout(run, delayMs);
      timer.unref();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
