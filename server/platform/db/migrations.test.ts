import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmptyTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import { migrateToLatest, migrationStatus, MigrationError } from './migrate.js';
import { migrations } from './migrations/index.js';

describe.each(testDatabases)('migrations on %s', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database?.destroy());

  it('applies every migration to an empty database and reports none pending', async () => {
    database = await openEmptyTestDatabase(dialect);
    const applied = await migrateToLatest(database.db);
    expect(applied).toEqual(Object.keys(migrations).sort());
    expect((await migrationStatus(database.db)).pending).toEqual([]);
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('applies each migration and reverts it cleanly, in order', async () => {
    database = await openEmptyTestDatabase(dialect);
    await migrateToLatest(database.db);
    for (const name of Object.keys(migrations).sort().reverse()) {
      await migrations[name]!.down!(database.db);
    }
  });

  it('refuses a database written by a newer version, and changes nothing', async () => {
    database = await openEmptyTestDatabase(dialect);
    await migrateToLatest(database.db);
    await sql`insert into schema_migrations (name, timestamp) values ('2999-01-01T0000-from-the-future', '2999-01-01')`.execute(database.db);
    await expect(migrateToLatest(database.db)).rejects.toThrow(MigrationError);
    await expect(migrateToLatest(database.db)).rejects.toThrow(/newer version of Linchpin/);
  });
});
