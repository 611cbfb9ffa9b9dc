import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Dialect } from '../platform/db/database.js';
import { migrateToLatest, schemaChangeLockKey } from '../platform/db/migrate.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { ensureBuiltInRoles } from '../modules/identity/built-in-roles.js';

/**
 * The databases every data-layer and HTTP test runs on: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set. Use as `describe.each(testDatabases)('tickets on %s', (dialect) => …)`.
 */
// eslint-disable-next-line no-restricted-properties -- tests are configured by the environment, like the app
const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
export const testDatabases: Dialect[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends Database {
  /** Drops the PostgreSQL schema or deletes the SQLite file. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database: an SQLite file in a temporary folder, or a PostgreSQL schema of its
 * own (so test files never see each other's rows).
 */
export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean; clock?: Clock } = {}): Promise<TestDatabase> {
  const database = await openEmptyTestDatabase(dialect);
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(database.db);
      await ensureBuiltInRoles(database.db, options.clock ?? systemClock);
    } catch (error) {
      // A failed migration must not leave a schema or folder behind for every later run.
      await database.destroy().catch(() => undefined);
      throw error;
    }
  }
  return database;
}

export async function openEmptyTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'postgres') {
    if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `test_${crypto.randomBytes(6).toString('hex')}`;
    const database = await openDatabase({ databaseUrl: postgresUrl, postgresSchema: schema, poolSize: 5 });
    return {
      ...database,
      async destroy() {
        await database.close();
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        try {
          // Under the lock migrations take, so a migration running in another test file never reads
          // the catalog of a schema as it disappears.
          await client.query('select pg_advisory_lock($1)', [schemaChangeLockKey]);
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-test-'));
  const database = await openDatabase({ sqliteFile: path.join(folder, 'linchpin.sqlite') });
  return {
    ...database,
    async destroy() {
      await database.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function postgresTestUrl(): string | undefined {
  return postgresUrl;
}

/**
 * A second connection pool to the same database (the same PostgreSQL schema or SQLite file), as a second
 * app instance would have. Its destroy() only closes it: the original owns the data.
 */
export async function openSecondHandle(database: Database): Promise<TestDatabase> {
  const second =
    database.dialect === 'postgres'
      ? await openDatabase({ databaseUrl: database.postgresUrl, poolSize: 5, ...(database.postgresSchema ? { postgresSchema: database.postgresSchema } : {}) })
      : await openDatabase({ sqliteFile: database.sqliteFile! });
  return { ...second, destroy: () => second.close() };
}
