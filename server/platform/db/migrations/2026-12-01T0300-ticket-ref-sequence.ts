import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from './helpers.js';

/**
 * On PostgreSQL, ticket reference numbers come from a sequence instead of the `sequences` counter row. The row is
 * locked from its bump until the creating transaction commits, so concurrent creates queued behind each other;
 * `nextval` never blocks. A rolled-back create leaves a gap in the numbers, which is allowed: they are never reused.
 * SQLite has one writer at a time and keeps the counter row.
 */
export async function up(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create sequence ticket_ref_seq`.execute(db);
  await sql`select setval('ticket_ref_seq', (select value from sequences where name = 'ticket_ref'))`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`update sequences set value = (select last_value from ticket_ref_seq) where name = 'ticket_ref'`.execute(db);
  await sql`drop sequence ticket_ref_seq`.execute(db);
}
