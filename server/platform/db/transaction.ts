import type { Db, Tx } from './database.js';
import { createGroupCommit, type GroupCommit } from './group-commit.js';

// Databases whose top-level transactions share commits (SQLite: one writer, and the commit dominates small writes).
const groupCommits = new WeakMap<Db, GroupCommit>();

/** Makes every top-level `inTransaction` on `db` go through one group commit (see group-commit.ts). */
export function shareCommits(db: Db): void {
  if (!groupCommits.has(db)) groupCommits.set(db, createGroupCommit(db));
}

/**
 * Runs `work` in one transaction: a state change, its history and its outbox entry commit together
 * or not at all. Side effects (events, mail) belong after this returns. Inside a transaction, `work`
 * joins it; on SQLite, concurrent callers may share a commit, each in a savepoint of its own.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  const group = groupCommits.get(db);
  if (group) return group.run(work);
  return db.transaction().execute(work);
}
