import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmptyTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import { migrateToLatest, migrationStatus, MigrationError, withSchemaChangeLock } from './migrate.js';
import * as mailFailureAttempts from './migrations/2026-12-03T1500-mail-failure-attempts.js';
import type { MigrationDb } from './migrations/helpers.js';
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
    await withSchemaChangeLock(database.db, async (db) => {
      for (const name of Object.keys(migrations).sort().reverse()) await migrations[name]!.down!(db);
    });
  });

  it('folds the failed-mail rows each attempt added into the mail\'s first row, with the count and the last error', async () => {
    database = await openEmptyTestDatabase(dialect);
    await migrateToLatest(database.db);
    const db = database.db;
    await withSchemaChangeLock(db, (locked: MigrationDb) => mailFailureAttempts.down(locked));
    const raw = (messageId: string) =>
      db
        .insertInto('mailRawMessages')
        .values({ mailboxId: null, source: 'smtp', envelopeFrom: null, messageId, sha256: messageId, sizeBytes: 1, content: Buffer.from('x'), status: 'failed', ticketId: null, ticketMessageId: null, receivedAt: '2026-12-01T08:00:00.000Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
    const retried = (await raw('retried@example.com')).id;
    const once = (await raw('once@example.com')).id;
    const failure = (rawMessageId: number, reason: 'no_sender' | 'unknown_recipient', createdAt: string) =>
      db.insertInto('mailFailures').values({ rawMessageId, reason, detail: `${reason} at ${createdAt}`, createdAt, resolvedAt: null }).returning('id').executeTakeFirstOrThrow();
    const first = await failure(retried, 'no_sender', '2026-12-01T08:00:00.000Z');
    const single = await failure(once, 'no_sender', '2026-12-01T08:30:00.000Z');
    await failure(retried, 'no_sender', '2026-12-01T09:00:00.000Z');
    await failure(retried, 'unknown_recipient', '2026-12-01T10:00:00.000Z');

    await withSchemaChangeLock(db, (locked: MigrationDb) => mailFailureAttempts.up(locked));
    const rows = await db.selectFrom('mailFailures').selectAll().orderBy('id').execute();
    expect(rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString(), lastFailedAt: new Date(row.lastFailedAt!).toISOString() }))).toEqual([
      { id: first.id, rawMessageId: retried, reason: 'unknown_recipient', detail: 'unknown_recipient at 2026-12-01T10:00:00.000Z', attempts: 3, createdAt: '2026-12-01T08:00:00.000Z', lastFailedAt: '2026-12-01T10:00:00.000Z', resolvedAt: null },
      { id: single.id, rawMessageId: once, reason: 'no_sender', detail: 'no_sender at 2026-12-01T08:30:00.000Z', attempts: 1, createdAt: '2026-12-01T08:30:00.000Z', lastFailedAt: '2026-12-01T08:30:00.000Z', resolvedAt: null },
    ]);
    // From now on a mail has one row: a second one is refused by the database itself.
    await expect(db.insertInto('mailFailures').values({ rawMessageId: once, reason: 'no_sender', createdAt: '2026-12-01T11:00:00.000Z', resolvedAt: null }).execute()).rejects.toThrow();
  });

  it('refuses a database written by a newer version, and changes nothing', async () => {
    database = await openEmptyTestDatabase(dialect);
    await migrateToLatest(database.db);
    await sql`insert into schema_migrations (name, timestamp) values ('2999-01-01T0000-from-the-future', '2999-01-01')`.execute(database.db);
    await expect(migrateToLatest(database.db)).rejects.toThrow(MigrationError);
    await expect(migrateToLatest(database.db)).rejects.toThrow(/newer version of Linchpin/);
  });
});
