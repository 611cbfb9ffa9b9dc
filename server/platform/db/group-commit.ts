import { sql } from 'kysely';
import type { Db, Tx } from './database.js';

/**
 * Group commit: units of work that ask for a transaction while one is committing wait for it to finish, then
 * share the next transaction, each inside a savepoint so that one unit's error rolls back that unit alone.
 * Every caller hears its outcome only after the shared commit, so a result still means "stored".
 *
 * A commit is the most expensive statement of a small write on SQLite (the log append), so under load many writes
 * pay for one. Alone, a unit runs in a transaction of its own as before.
 */
export interface GroupCommit {
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

interface Queued {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function createGroupCommit(db: Db, options: { maxBatch?: number; busyDelayMs?: number } = {}): GroupCommit {
  const maxBatch = options.maxBatch ?? 64;
  const busyDelayMs = options.busyDelayMs ?? 2;
  const queue: Queued[] = [];
  let committing = false;
  let lastCommitEnded = 0;

  async function commitQueued(): Promise<void> {
    if (committing) return;
    committing = true;
    try {
      while (queue.length > 0) {
        // A transaction runs in one go (SQLite answers at once), so requests that arrived meanwhile are still
        // waiting to be read: let them reach their own transaction first, and share this commit.
        await new Promise((resolve) => setImmediate(resolve));
        // Commit delay: while writes keep coming (the last commit ended moments ago) a unit that would commit alone
        // waits a moment for company. A mail arrives over several turns of the loop (SMTP chunks, the MIME parser),
        // so eight SMTP sessions shared ~1.3 mails per commit; a commit costs ~0.9 ms whatever it holds. Three
        // alternating pairs of 2,000 SMTP mails: 125-136 → 142-151 mails/s, 5.9-6.3 → 5.6-5.9 ms of CPU per mail.
        // An idle desk's lone write never waits.
        if (busyDelayMs > 0 && queue.length === 1 && performance.now() - lastCommitEnded < 5 * busyDelayMs) {
          await new Promise((resolve) => setTimeout(resolve, busyDelayMs));
        }
        await commitBatch(queue.splice(0, maxBatch));
        lastCommitEnded = performance.now();
      }
    } finally {
      committing = false;
    }
  }

  async function commitBatch(batch: Queued[]): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      await db.transaction().execute(async (tx) => {
        outcomes.length = 0;
        if (batch.length === 1) {
          // Alone: its error rolls back the transaction, which holds nothing else.
          outcomes.push({ ok: true, value: await batch[0]!.work(tx) });
          return;
        }
        for (const item of batch) {
          await sql`savepoint group_item`.execute(tx);
          try {
            outcomes.push({ ok: true, value: await item.work(tx) });
            await sql`release savepoint group_item`.execute(tx);
          } catch (error) {
            await sql`rollback to savepoint group_item`.execute(tx);
            await sql`release savepoint group_item`.execute(tx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The unit failed alone, or the commit itself failed: nothing of the batch is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    for (const [index, item] of batch.entries()) {
      const outcome = outcomes[index]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    }
  }

  return {
    run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        void commitQueued();
      });
    },
  };
}
