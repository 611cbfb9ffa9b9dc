import type { MigrationDb } from './helpers.js';

/**
 * Whom each mail we sent went to (`recipient_id`, the person; null for mail we received and for mail sent before this
 * migration). A mail's From can be forged, so an agent's mail speaks to the requester only when it answers a mail we
 * sent to that agent: its Message-ID, a random UUID, is known only to their mailbox (mail-ingest.service.ts).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('mail_message_ids').addColumn('recipient_id', 'bigint').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('mail_message_ids').dropColumn('recipient_id').execute();
}
