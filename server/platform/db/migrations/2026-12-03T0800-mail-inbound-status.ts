import { booleanType, idType, timestampType, trueDefault, type MigrationDb } from './helpers.js';

/**
 * Whether the desk checks its mail servers' TLS certificates (on unless an admin turns it off for a server with a
 * self-signed certificate), and how fetching each mailbox's mail went lately, so an admin sees a wrong password or an unreachable server on the
 * mailbox instead of in the server log. A table of its own: the mailboxes table is reference data whose every write
 * makes each process read it again (reference-version), and a poll writes here every few seconds.
 */
export async function up(db: MigrationDb): Promise<void> {
  const at = timestampType(db);
  for (const column of ['imap_verify_certificate', 'smtp_verify_certificate']) {
    await db.schema.alterTable('mailboxes').addColumn(column, booleanType(db), (c) => c.notNull().defaultTo(trueDefault(db))).execute();
  }
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
  for (const column of ['imap_verify_certificate', 'smtp_verify_certificate']) await db.schema.alterTable('mailboxes').dropColumn(column).execute();
}
