import type { Db, Tx } from './database.js';

/**
 * Runs `work` in one transaction: a state change, its history and its outbox entry commit together
 * or not at all. Side effects (events, mail) belong after this returns.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  return db.transaction().execute(work);
}
