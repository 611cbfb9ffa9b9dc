import { booleanType, falseDefault, idType, isPostgres, jsonType, timestampType, trueDefault, withId, type MigrationDb } from './helpers.js';

/**
 * The email channel: mailboxes, every raw message ever received, the failed-mail list, IMAP sync
 * state, the Message-ID map used for threading, editable notification templates and the per-sender
 * counters that stop mail loops.
 */
export async function up(db: MigrationDb): Promise<void> {
  const id = idType(db);
  const at = timestampType(db);
  const json = jsonType(db);
  const flag = booleanType(db);
  const bytes = isPostgres(db) ? 'bytea' : 'blob';

  await withId(db, db.schema.createTable('mailboxes'))
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('team_id', id, (c) => c.references('teams.id').onDelete('set null'))
    // smtp | imap | both
    .addColumn('inbound_mode', 'text', (c) => c.notNull())
    .addColumn('is_active', flag, (c) => c.notNull().defaultTo(trueDefault(db)))
    .addColumn('imap_host', 'text')
    .addColumn('imap_port', 'integer')
    .addColumn('imap_tls', flag, (c) => c.notNull().defaultTo(trueDefault(db)))
    .addColumn('imap_user', 'text')
    // AES-256-GCM sealed; never returned by the API.
    .addColumn('imap_password_sealed', 'text')
    .addColumn('imap_folder', 'text', (c) => c.notNull().defaultTo('INBOX'))
    // Move imported mail here; null keeps it in place and only sets \Seen.
    .addColumn('imap_processed_folder', 'text')
    .addColumn('smtp_host', 'text')
    .addColumn('smtp_port', 'integer')
    .addColumn('smtp_secure', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('smtp_user', 'text')
    .addColumn('smtp_password_sealed', 'text')
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();

  // Every message as it arrived, byte for byte: the "view original" and the reprocess source.
  await withId(db, db.schema.createTable('mail_raw_messages'))
    .addColumn('mailbox_id', id, (c) => c.references('mailboxes.id').onDelete('set null'))
    // smtp | imap
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('envelope_from', 'text')
    .addColumn('envelope_to', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('message_id', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', bytes, (c) => c.notNull())
    // imported | noise | failed | duplicate
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ticket_id', id, (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('ticket_message_id', id, (c) => c.references('ticket_messages.id').onDelete('set null'))
    .addColumn('received_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_raw_messages_ticket_message_idx').on('mail_raw_messages').column('ticket_message_id').execute();
  await db.schema.createIndex('mail_raw_messages_sha_idx').on('mail_raw_messages').column('sha256').execute();

  await withId(db, db.schema.createTable('mail_failures'))
    .addColumn('raw_message_id', id, (c) => c.notNull().references('mail_raw_messages.id').onDelete('cascade'))
    // unparseable | no_sender | unknown_recipient | rate_limited | import_error
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', at, (c) => c.notNull())
    // Set when reprocessing imported it (the row stays as a record).
    .addColumn('resolved_at', at)
    .execute();
  await db.schema.createIndex('mail_failures_open_idx').on('mail_failures').columns(['resolved_at', 'id']).execute();

  await db.schema
    .createTable('mail_imap_state')
    .addColumn('mailbox_id', id, (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('last_uid', id, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_imap_state_pk', ['mailbox_id', 'folder'])
    .execute();

  // RFC 5322 Message-IDs we sent or received, and their ticket: replies thread through these.
  await db.schema
    .createTable('mail_message_ids')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('ticket_message_id', id, (c) => c.references('ticket_messages.id').onDelete('set null'))
    // in | out
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_message_ids_ticket_idx').on('mail_message_ids').columns(['ticket_id', 'created_at']).execute();

  await db.schema
    .createTable('mail_templates')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('updated_by_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();

  // Fixed windows per sender: one row per (sender, window), bumped in the importing transaction.
  await db.schema
    .createTable('mail_sender_counts')
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('window_start', at, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_sender_counts_pk', ['sender', 'window_start'])
    .execute();

  // Idempotent sends: one outbox row per (event, recipient, template).
  await db.schema
    .createTable('mail_outbox_keys')
    .addColumn('dedupe_key', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', id, (c) => c.notNull().references('outbox.id').onDelete('cascade'))
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['mail_outbox_keys', 'mail_sender_counts', 'mail_templates', 'mail_message_ids', 'mail_imap_state', 'mail_failures', 'mail_raw_messages', 'mailboxes']) {
    await db.schema.dropTable(table).execute();
  }
}
