import { Migrator, PostgresAdapter, sql, type MigrationResultSet, type Kysely } from 'kysely';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function migratorFor(db: Kysely<any>): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in every schema of the database unless told which one; a
  // second schema holding them (another instance, a test file) would make it skip creating ours and fail.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter ? await currentSchema(db) : undefined;
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/**
 * PostgreSQL advisory lock key held while migrating, and by anything that drops a schema. Kysely's
 * migrator reads the catalog of every schema by name; a schema dropped at that moment (instances or
 * test files sharing a database) makes the read fail with "schema … does not exist".
 */
export const schemaChangeLockKey = 7_353_001;

/**
 * Runs `work` on one connection holding the schema-change lock (PostgreSQL); SQLite has one writer anyway. Tests
 * that run a migration's `down` or `up` by hand take it too: a table dropped while another test file's migrator
 * reads the catalog fails that migration ("relation … does not exist").
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function withSchemaChangeLock<T>(db: Kysely<any>, work: (db: Kysely<any>) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return work(db);
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${schemaChangeLockKey})`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`select pg_advisory_unlock(${schemaChangeLockKey})`.execute(connection);
    }
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function currentSchema(db: Kysely<any>): Promise<string | undefined> {
  const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return result.rows[0]?.schema ?? undefined;
}

/**
 * Applies every pending migration. Kysely runs the whole batch in one transaction on both databases
 * (both have transactional DDL), so a failure leaves the schema exactly as it was.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  await assertNotFromNewerVersion(db);
  const result: MigrationResultSet = await withSchemaChangeLock(db, async (connection) => (await migratorFor(connection)).migrateToLatest());
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed and nothing was changed: ${cause}`,
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations this build does not know: the database belongs to a newer Linchpin. */
  unknown: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrationStatus(db: Kysely<any>): Promise<MigrationStatus> {
  const known = Object.keys(migrations);
  let applied: string[] = [];
  try {
    const rows = await db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
    applied = rows.map((r: { name: string }) => r.name);
  } catch {
    applied = []; // No migration table yet: an empty database.
  }
  return {
    applied,
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function assertNotFromNewerVersion(db: Kysely<any>): Promise<void> {
  const { unknown } = await migrationStatus(db);
  if (unknown.length > 0) {
    throw new MigrationError(
      `This database was written by a newer version of Linchpin (it has migration ${unknown[unknown.length - 1]} which this version does not know). Upgrade Linchpin, or restore a backup taken with this version.`,
    );
  }
}
