import type SqliteDatabase from 'better-sqlite3';
import type { SqliteReader } from '../../platform/db/sqlite-driver.js';

/**
 * For a bulk load into a SQLite file: leave WAL, hold the file alone and keep the rollback journal in memory, so
 * every page is written once, straight into the database, instead of into the log and again by each checkpoint
 * (with WAL the load wrote about twice its size). That needs the writer to be the file's only connection, so the
 * read connection is closed meanwhile. If another process has the file open, the mode cannot change and the load
 * runs under WAL as before. The journal in memory (not OFF) still lets a failed statement or batch roll back; a
 * crash in the middle of the load leaves a broken file, which is thrown away like any half-generated desk.
 * Returns what puts the connection back: WAL, normal locking, the reader open again.
 */
export function enterSoleWriterMode(sqlite: SqliteDatabase.Database, reader: SqliteReader | undefined): () => void {
  reader?.close();
  let switched = false;
  try {
    switched = String(sqlite.pragma('journal_mode = MEMORY', { simple: true })).toLowerCase() === 'memory';
    if (switched) sqlite.pragma('locking_mode = EXCLUSIVE');
  } catch {
    // Busy: someone else has the file open; stay in WAL.
  }
  return () => {
    if (switched) {
      // Normal locking first: a file that enters WAL while locked exclusively keeps its log index in private memory.
      sqlite.pragma('locking_mode = NORMAL');
      sqlite.pragma('journal_mode = WAL');
    }
    reader?.reopen();
  };
}
