import { sql } from 'kysely';
import { jsonType, timestampType, withId, type MigrationDb } from './helpers.js';

/**
 * The job queue (delayed, retried and recurring work, shared by every instance) and the store for
 * domain events too large for one PostgreSQL NOTIFY (its payload limit is 8000 bytes).
 */
export async function up(db: MigrationDb): Promise<void> {
  const at = timestampType(db);

  await withId(db, db.schema.createTable('jobs'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', jsonType(db), (c) => c.notNull())
    .addColumn('run_at', at, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('unique_key', 'text')
    // Set for recurring jobs: the row is re-armed for the next period instead of finishing.
    .addColumn('interval_ms', 'bigint')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', at)
    .addColumn('last_error', 'text')
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .addColumn('finished_at', at)
    .addCheckConstraint('jobs_status_check', sql`status in ('pending', 'running', 'done', 'failed')`)
    .execute();
  // The claim query reads due pending jobs in run_at order and expired leases of running ones.
  await db.schema.createIndex('jobs_status_run_at_idx').on('jobs').columns(['status', 'run_at']).execute();
  // "At most one pending job per key": scheduling again replaces it (ON CONFLICT … WHERE status = 'pending').
  await db.schema
    .createIndex('jobs_pending_unique_key_idx')
    .on('jobs')
    .column('unique_key')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('jobs_unique_key_idx').on('jobs').column('unique_key').execute();

  await withId(db, db.schema.createTable('event_payloads'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_payloads_created_idx').on('event_payloads').column('created_at').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('event_payloads').execute();
  await db.schema.dropTable('jobs').execute();
}
