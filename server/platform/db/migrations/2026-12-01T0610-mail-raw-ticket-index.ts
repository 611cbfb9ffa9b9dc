import type { MigrationDb } from './helpers.js';

/**
 * Raw mail by ticket: notifications ask which mailbox a ticket's mail arrived at and whether an auto-reply opened
 * it. Without an index each question read every raw message ever received, so mail intake slowed as mail piled up.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.createIndex('mail_raw_messages_ticket_idx').on('mail_raw_messages').columns(['ticket_id', 'id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('mail_raw_messages_ticket_idx').execute();
}
