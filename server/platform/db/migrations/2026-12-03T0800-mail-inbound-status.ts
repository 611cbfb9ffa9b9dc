import { idType, timestampType, type MigrationDb } from './helpers.js';

/**
 * How fetching each mailbox's mail went lately, so an admin sees a wrong password or an unreachable server on the
 * mailbox instead of in the server log. A table of its own: the mailboxes table is reference data whose every write
 * makes each process read it again (reference-version), and a poll writes here every few seconds.
 */
export async function up(db: MigrationDb): Promise<void> {
  const at = timestampType(db);
  await db.schema
    .createTable('mail_inbound_status')
    .addColumn('mailbox_id', idType(db), (c) => c.primaryKey().references('mailboxes.id').onDelete('cascade'))
    .addColumn('checked_at', at)
    .addColumn('error', 'text')
    .addColumn('error_at', at)
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('mail_inbound_status').execute();
}
