import type pg from 'pg';
import type { Database } from '../../platform/db/database.js';
import type { SqliteReader } from '../../platform/db/sqlite-driver.js';
import { bulkTableOrder, bulkTables, type BulkTableKey, type Row, type RowBatch } from './bulk-tables.js';
import { rebuildSearchIndex } from './search-index-rebuild.js';
import { enterSoleWriterMode } from './sqlite-load-mode.js';

/** Writes batches of pre-built rows, each batch in one transaction. */
export interface BulkWriter {
  write(batch: RowBatch): Promise<void>;
  /** Restores connection settings and brings identity sequences up to the ids written. */
  finish(): Promise<void>;
}

const quote = (name: string) => `"${name}"`;

export interface BulkWriterOptions {
  /**
   * SQLite only: drop the secondary indexes and search triggers of the ticket tables for the load and
   * build them once at the end (sorting once is several times cheaper than updating sixteen b-trees and
   * the FTS5 index row by row), and skip foreign-key checks while loading. Worth it for large loads; an
   * interrupted load leaves the indexes missing.
   */
  deferIndexes?: boolean;
}

export async function openBulkWriter(database: Database, options: BulkWriterOptions = {}): Promise<BulkWriter> {
  if (database.dialect === 'sqlite') {
    if (!database.sqlite) throw new Error('The SQLite handle is not open.');
    return sqliteWriter(database.sqlite, database.sqliteReader, options.deferIndexes ?? false);
  }
  if (!database.pgPool) throw new Error('The PostgreSQL pool is not open.');
  return postgresWriter(await database.pgPool.connect());
}

/**
 * SQLite: each table's rows go in through multi-row INSERT statements prepared once (32 rows a call, the
 * remainder one by one), bound positionally, a batch per transaction. Most of a call's cost is crossing
 * into better-sqlite3 and stepping the statement, not binding, so 32 rows a call is about a fifth
 * cheaper than one (CPU, 100,000 tickets); 64 rows gained nothing more.
 * Small loads keep every index, trigger and check live, exactly as in normal operation. Large loads
 * (deferIndexes) drop the ticket tables' secondary indexes and search triggers and rebuild them once at
 * the end, with the FTS5 index rebuilt from `search_documents` in one pass; they also switch off
 * foreign-key checks, which looked up a parent row for nearly every row written (the builder assigns
 * the ids itself, and the small loads of the tests still write the same rows with the checks on).
 */
const deferredTables = ['tickets', 'ticket_tags', 'ticket_messages', 'ticket_history', 'search_documents'];
const rowsPerStatement = 32;

type SqliteHandle = NonNullable<Database['sqlite']>;

/** Writes one table's rows with a 32-row statement and a one-row statement for the rest. */
function tableInserter(sqlite: SqliteHandle, key: BulkTableKey): (rows: Row[]) => void {
  const table = bulkTables[key];
  const columns = table.columns.map(([column]) => quote(column)).join(', ');
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  const prepare = (rows: number) => sqlite.prepare(`insert into ${quote(table.name)} (${columns}) values ${new Array<string>(rows).fill(tuple).join(', ')}`);
  const many = prepare(rowsPerStatement);
  const one = prepare(1);
  return (rows) => {
    let index = 0;
    // Each row is an array argument: better-sqlite3 binds its cells in order, so the rows need no flattening.
    for (; index + rowsPerStatement <= rows.length; index += rowsPerStatement) many.run(...rows.slice(index, index + rowsPerStatement));
    for (; index < rows.length; index++) one.run(rows[index]);
  };
}

function sqliteWriter(sqlite: SqliteHandle, reader: SqliteReader | undefined, deferIndexes: boolean): BulkWriter {
  const previousSynchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  const previousCache = sqlite.pragma('cache_size', { simple: true }) as number;
  const previousForeignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  const previousMmap = sqlite.pragma('mmap_size', { simple: true }) as number;
  // A half-generated database is thrown away, not recovered, so the bulk load need not fsync each
  // batch; the normal durability setting comes back in finish().
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  // The index builds scan tables written long before, mostly gone from the page cache by then; mapped, those
  // reads skip a copy per page (the ticket indexes of 100,000 tickets built in ~1.5 s instead of ~1.8 s).
  if (deferIndexes) sqlite.pragma('mmap_size = 4294967296');
  if (deferIndexes) sqlite.pragma('foreign_keys = OFF');
  const leaveSoleWriterMode = deferIndexes ? enterSoleWriterMode(sqlite, reader) : () => undefined;
  const inserters = new Map(bulkTableOrder.map((key) => [key, tableInserter(sqlite, key)] as const));
  // The exact definitions are read from the schema itself, so they come back unchanged whatever the migrations say.
  const deferred = deferIndexes
    ? (sqlite
        .prepare(
          `select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null and tbl_name in (${deferredTables.map(() => '?').join(', ')})`,
        )
        .all(...deferredTables) as Array<{ type: 'index' | 'trigger'; name: string; sql: string }>)
    : [];
  sqlite.transaction(() => {
    for (const item of deferred) sqlite.exec(`drop ${item.type} ${quote(item.name)}`);
  })();
  let restored = deferred.length === 0;
  const restore = () => {
    if (restored) return;
    restored = true;
    sqlite.transaction(() => {
      for (const item of deferred.filter((d) => d.type === 'index')) sqlite.exec(item.sql);
      rebuildSearchIndex(sqlite);
      // Whatever the app had queued for the index is in the rebuilt index too (search.index-queue.ts).
      sqlite.exec('delete from search_index_queue');
      for (const item of deferred.filter((d) => d.type === 'trigger')) sqlite.exec(item.sql);
    })();
  };
  const writeAll = sqlite.transaction((batch: RowBatch) => {
    for (const key of bulkTableOrder) inserters.get(key)!(batch[key]);
  });
  return {
    write(batch) {
      writeAll(batch);
      return Promise.resolve();
    },
    finish() {
      restore();
      leaveSoleWriterMode();
      sqlite.pragma(`foreign_keys = ${Number(previousForeignKeys)}`);
      sqlite.pragma(`synchronous = ${Number(previousSynchronous)}`);
      sqlite.pragma(`cache_size = ${Number(previousCache)}`);
      sqlite.pragma(`mmap_size = ${Number(previousMmap)}`);
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      return Promise.resolve();
    },
  };
}

/**
 * PostgreSQL: one INSERT … SELECT FROM unnest($1::type[], …) per table and batch. Each column is one
 * array parameter, so a batch of any size is a handful of statements and never hits the 65,535
 * parameter limit of a multi-row VALUES list.
 */
function postgresWriter(client: pg.PoolClient): BulkWriter {
  const sqlFor = (key: BulkTableKey) => {
    const table = bulkTables[key];
    const columns = table.columns.map(([column]) => quote(column)).join(', ');
    const arrays = table.columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
    return `insert into ${quote(table.name)} (${columns}) select * from unnest(${arrays})`;
  };
  const statements = new Map(bulkTableOrder.map((key) => [key, sqlFor(key)] as const));
  let prepared = false;
  return {
    async write(batch) {
      if (!prepared) {
        // Losing the last batches on a crash only means generating again; the commit need not wait for the disk.
        await client.query('set synchronous_commit = off');
        prepared = true;
      }
      await client.query('begin');
      try {
        for (const key of bulkTableOrder) {
          const rows = batch[key];
          if (rows.length === 0) continue;
          const width = bulkTables[key].columns.length;
          const columns: unknown[][] = Array.from({ length: width }, () => new Array<unknown>(rows.length));
          rows.forEach((row, r) => {
            for (let c = 0; c < width; c++) columns[c]![r] = row[c];
          });
          await client.query(statements.get(key)!, columns);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    },
    async finish() {
      try {
        await client.query('set synchronous_commit = on');
        // Rows were written with explicit ids: move each identity past them so the app's inserts do not collide.
        for (const table of ['users', 'user_emails', 'tickets', 'ticket_messages', 'ticket_history', 'search_documents']) {
          await client.query(
            `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select coalesce(max(id), 0) from ${quote(table)}), 1))`,
          );
        }
        // What autovacuum would do shortly after a load of this size: fresh statistics, and the rows marked visible
        // to all and their hint bits set, so that the first reads of each page do not write it (a freshly loaded
        // table made a search at a million tickets dirty 20,000 pages) and index-only scans can skip the heap.
        await client.query('vacuum (analyze)');
      } finally {
        client.release();
      }
    },
  };
}
