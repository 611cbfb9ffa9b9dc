import { idType, jsonType, timestampType, withId, type MigrationDb } from './helpers.js';

/** Desk-wide settings and the outbox of messages waiting to leave (mail until the mail channel lands). */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', jsonType(db), (c) => c.notNull())
    .addColumn('updated_at', timestampType(db), (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('outbox'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('payload', jsonType(db), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', timestampType(db), (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('related_user_id', idType(db))
    .addColumn('created_at', timestampType(db), (c) => c.notNull())
    .addColumn('sent_at', timestampType(db))
    .execute();
  await db.schema.createIndex('outbox_status_next_attempt_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('outbox').execute();
  await db.schema.dropTable('settings').execute();
}
