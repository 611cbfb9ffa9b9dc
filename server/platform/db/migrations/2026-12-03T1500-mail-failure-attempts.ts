import { sql } from 'kysely';
import { timestampType, type MigrationDb } from './helpers.js';

/**
 * One failed-mail row per raw message. Each attempt used to add a row, so a mail an admin retried without success
 * was listed once per attempt; now its row counts the attempts and keeps the last one's reason, detail and time.
 * Rows already written for the same mail are folded into its first (oldest) row, which keeps its id: the id an
 * admin's link or script holds stays valid.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('mail_failures').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('mail_failures').addColumn('last_failed_at', timestampType(db)).execute();
  await sql`update mail_failures set last_failed_at = created_at`.execute(db);
  const latest = (column: string) =>
    sql`(select f.${sql.ref(column)} from mail_failures f where f.raw_message_id = mail_failures.raw_message_id order by f.id desc limit 1)`;
  await sql`
    update mail_failures set
      attempts = (select count(*) from mail_failures f where f.raw_message_id = mail_failures.raw_message_id),
      reason = ${latest('reason')},
      detail = ${latest('detail')},
      last_failed_at = ${latest('created_at')},
      resolved_at = ${latest('resolved_at')}
    where id in (select min(id) from mail_failures group by raw_message_id having count(*) > 1)
  `.execute(db);
  await sql`delete from mail_failures where id not in (select min(id) from mail_failures group by raw_message_id)`.execute(db);
  await db.schema.createIndex('mail_failures_raw_message_idx').on('mail_failures').column('raw_message_id').unique().execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('mail_failures_raw_message_idx').execute();
  await db.schema.alterTable('mail_failures').dropColumn('last_failed_at').execute();
  await db.schema.alterTable('mail_failures').dropColumn('attempts').execute();
}
