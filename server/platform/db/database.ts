import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database as Schema } from './schema.js';
import { naming, SnakeCasePostgresDialect } from './naming.js';
import { SqliteReader, sqliteDialect } from './sqlite-driver.js';
import { pooledReadDialect, SqliteReadPool } from './sqlite-read-pool.js';
import { shareCommits } from './transaction.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<Schema>;

export interface Database {
  db: Db;
  /**
   * For reads that can keep SQLite busy for milliseconds (full-text search): on a SQLite file they run on worker
   * threads (sqlite-read-pool.ts), so other requests go on meanwhile. Elsewhere (PostgreSQL, SQLite in memory)
   * it is `db`. No transactions; each statement sees the last commit.
   */
  heavyReads: Db;
  dialect: Dialect;
  /** The SQLite file (undefined on PostgreSQL), for backup. */
  sqliteFile?: string;
  /** The raw SQLite handle (online backup, pragmas). */
  sqlite?: SqliteDatabase.Database;
  /** The SQLite read connection (none in memory); a bulk load closes it to be the file's only user for a while. */
  sqliteReader?: SqliteReader;
  /** The PostgreSQL pool (LISTEN/NOTIFY needs its own client). */
  pgPool?: pg.Pool;
  /** Connection string used, PostgreSQL only. */
  postgresUrl?: string;
  /** Schema the PostgreSQL connections use (tests isolate each file in its own). */
  postgresSchema?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite in `sqliteFile`. */
  databaseUrl?: string | undefined;
  sqliteFile?: string;
  poolSize?: number;
  /** PostgreSQL schema to use as the search path (created if missing). */
  postgresSchema?: string;
  /** SQLite only: `normal` (default) or `full`; see docs/decisions/0003-sqlite-synchronous-normal.md. */
  sqliteSynchronous?: 'normal' | 'full' | undefined;
}

let postgresLibrary: Promise<typeof pg> | undefined;

/**
 * The PostgreSQL client, loaded when a desk first uses PostgreSQL (a SQLite desk never holds it in memory).
 * PostgreSQL hands back 64-bit integers and numerics as strings and timestamps as Date objects; our counts fit in a
 * double, and timestamps travel as ISO-8601 UTC strings on both databases.
 */
export function loadPostgresLibrary(): Promise<typeof pg> {
  return (postgresLibrary ??= import('pg').then(({ default: library }) => {
    library.types.setTypeParser(20, (value) => Number(value));
    library.types.setTypeParser(1700, (value) => Number(value));
    library.types.setTypeParser(1184, (value) => toIsoUtc(value));
    library.types.setTypeParser(1114, (value) => toIsoUtc(`${value}+00`));
    return library;
  }));
}

function toIsoUtc(value: string): string {
  // '2026-11-22 21:37:16.732+00' → '2026-11-22T21:37:16.732Z'
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

export class DatabaseOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.postgresSchema);
  if (!options.sqliteFile) throw new DatabaseOpenError('No database: set DATABASE_URL or DATA_DIR.');
  return openSqlite(options.sqliteFile, options.sqliteSynchronous ?? 'normal');
}

function openSqlite(file: string, synchronous: 'normal' | 'full'): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    throw new DatabaseOpenError(
      `Cannot open the SQLite database ${file}: ${(error as Error).message}. Check that the folder is writable and the file is a Linchpin database.`,
    );
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // ADR 0003: under WAL, NORMAL loses no committed transaction when the process crashes (only the last ones
  // on power loss or an OS crash) and makes a commit an append instead of an fsync; FULL syncs every commit.
  sqlite.pragma(synchronous === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -32000');
  // Checkpoint every ~16 MB of log instead of SQLite's 4 MB: the commit that crosses the mark copies the log into the
  // database and syncs it, and the hot pages (index ends, the search index, counters) rewritten by every ticket are
  // then copied once per sixteen megabytes instead of four times.
  sqlite.pragma('wal_autocheckpoint = 4000');
  const reader = file === ':memory:' ? null : new SqliteReader(() => openSqliteReader(file));
  const db = new Kysely<Schema>({ dialect: sqliteDialect(sqlite, reader), plugins: [naming] });
  shareCommits(db);
  const heavyReads = file === ':memory:' ? db : new Kysely<Schema>({ dialect: pooledReadDialect(new SqliteReadPool(file)), plugins: [naming] });
  return {
    db,
    heavyReads,
    dialect: 'sqlite',
    sqliteFile: file,
    sqlite,
    ...(reader ? { sqliteReader: reader } : {}),
    async close() {
      if (heavyReads !== db) await heavyReads.destroy();
      await db.destroy();
    },
  };
}

/** The connection that serves reads outside transactions (see sqlite-driver.ts); it never writes. */
function openSqliteReader(file: string): SqliteDatabase.Database {
  const reader = new SqliteDatabase(file, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  reader.pragma('cache_size = -32000');
  reader.pragma('temp_store = MEMORY');
  return reader;
}

async function openPostgres(url: string, poolSize: number, schema?: string): Promise<Database> {
  const searchPath = schema ? `-c search_path=${schema}` : '';
  const { Pool } = await loadPostgresLibrary();
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    // Connections are kept a minute rather than ten seconds: a new one costs a backend process and its caches.
    idleTimeoutMillis: 60_000,
    // random_page_cost: the default (4) prices a random read as on a spinning disk, which made the planner scan
    // every search document instead of using the GIN index (160 ms against 9 ms at 10,000 tickets). JIT compiling
    // pays off for long analytic queries, never for these short ones, and can add tens of milliseconds to one.
    options: `-c TimeZone=UTC -c random_page_cost=1.1 -c jit=off ${searchPath}`.trim(),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseOpenError(
      `Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}. Check DATABASE_URL and that the server is running.`,
    );
  }
  const db = new Kysely<Schema>({ dialect: new SnakeCasePostgresDialect({ pool }), plugins: [naming] });
  return {
    db,
    heavyReads: db,
    dialect: 'postgres',
    pgPool: pool,
    postgresUrl: url,
    ...(schema ? { postgresSchema: schema } : {}),
    async close() {
      await db.destroy();
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
