import type pg from 'pg';
import type { Database } from '../../platform/db/database.js';
import { bulkTableOrder, bulkTables, type BulkTableKey, type RowBatch } from './bulk-tables.js';

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
   * the FTS5 index row by row). Worth it for large loads; an interrupted load leaves the indexes missing.
   */
  deferIndexes?: boolean;
}

export async function openBulkWriter(database: Database, options: BulkWriterOptions = {}): Promise<BulkWriter> {
  if (database.dialect === 'sqlite') {
    if (!database.sqlite) throw new Error('The SQLite handle is not open.');
    return sqliteWriter(database.sqlite, options.deferIndexes ?? false);
  }
  if (!database.pgPool) throw new Error('The PostgreSQL pool is not open.');
  return postgresWriter(await database.pgPool.connect());
}

/**
 * SQLite: one prepared statement per table, bound positionally, many thousand rows per transaction.
 * The FTS5 index is fed by the schema's own triggers, exactly as in normal operation.
 */
const deferredTables = ['tickets', 'ticket_tags', 'ticket_messages', 'ticket_history', 'search_documents'];

function sqliteWriter(sqlite: NonNullable<Database['sqlite']>, deferIndexes: boolean): BulkWriter {
  const previousSynchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  const previousCache = sqlite.pragma('cache_size', { simple: true }) as number;
  // A half-generated database is thrown away, not recovered, so the bulk load need not fsync each
  // batch; the normal durability setting comes back in finish().
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const statements = new Map(
    bulkTableOrder.map((key) => {
      const table = bulkTables[key];
      const columns = table.columns.map(([column]) => quote(column)).join(', ');
      const placeholders = table.columns.map(() => '?').join(', ');
      return [key, sqlite.prepare(`insert into ${quote(table.name)} (${columns}) values (${placeholders})`)] as const;
    }),
  );
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
      // External-content FTS5: rebuild reads every search document once.
      sqlite.exec(`insert into search_documents_fts(search_documents_fts) values ('rebuild')`);
      for (const item of deferred.filter((d) => d.type === 'trigger')) sqlite.exec(item.sql);
    })();
  };
  const writeAll = sqlite.transaction((batch: RowBatch) => {
    for (const key of bulkTableOrder) {
      const statement = statements.get(key)!;
      for (const row of batch[key]) statement.run(row);
    }
  });
  return {
    write(batch) {
      writeAll(batch);
      return Promise.resolve();
    },
    finish() {
      restore();
      sqlite.pragma(`synchronous = ${Number(previousSynchronous)}`);
      sqlite.pragma(`cache_size = ${Number(previousCache)}`);
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
        // Fresh statistics, as autovacuum would gather shortly after a load of this size.
        await client.query('analyze');
      } finally {
        client.release();
      }
    },
  };
}
