import { sql } from 'kysely';
import { booleanType, falseDefault, idType, isPostgres, jsonType, timestampType, trueDefault, withId, type MigrationDb } from './helpers.js';

/**
 * Tickets and everything hanging off them: the conversation, attachments, history, links, time,
 * tags, watchers, categories, custom fields, saved views and the full-text search documents.
 *
 * Every ticket list the UI shows is served by an index ending in (sort column, id) so that keyset
 * pagination reads one index range per page.
 */
export async function up(db: MigrationDb): Promise<void> {
  const id = idType(db);
  const at = timestampType(db);
  const json = jsonType(db);
  const flag = booleanType(db);

  // Human reference numbers (#1042): one counter row bumped inside the creating transaction, so a
  // number is never handed out twice nor reused after a rollback-free delete.
  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', id, (c) => c.notNull())
    .execute();
  await db.insertInto('sequences').values({ name: 'ticket_ref', value: 1000 }).execute();

  await withId(db, db.schema.createTable('categories'))
    .addColumn('parent_id', id, (c) => c.references('categories.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('default_team_id', id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('is_active', flag, (c) => c.notNull().defaultTo(trueDefault(db)))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('categories_parent_idx').on('categories').columns(['parent_id', 'position']).execute();

  await withId(db, db.schema.createTable('custom_fields'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('field_type', 'text', (c) => c.notNull())
    .addColumn('options', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('required_from_status', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', flag, (c) => c.notNull().defaultTo(trueDefault(db)))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('tickets'))
    .addColumn('ref', id, (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('requester_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('organization_id', id, (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    // 1 = urgent … 4 = low: lets lists sort by priority through an index.
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('priority_overridden', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('category_id', id, (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('team_id', id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('assignee_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('tier', 'integer', (c) => c.notNull().defaultTo(1))
    // Denormalised copy of ticket_tags for presenting a page without another query.
    .addColumn('tags', json, (c) => c.notNull().defaultTo('[]'))
    // JSON as text, not jsonb: the keys are the admin's (snake_case) and must come back byte for byte,
    // whatever the query layer does to the keys of parsed objects.
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    // Denormalised copy of ticket_watchers, for the same reason.
    .addColumn('watcher_ids', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into_id', id, (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('created_by_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .addColumn('first_response_at', at)
    .addColumn('resolved_at', at)
    .addColumn('closed_at', at)
    .addColumn('last_public_activity_at', at)
    .execute();
  const ticketIndexes: Array<[string, string[]]> = [
    ['tickets_created_idx', ['created_at', 'id']],
    ['tickets_updated_idx', ['updated_at', 'id']],
    ['tickets_status_created_idx', ['status', 'created_at', 'id']],
    ['tickets_status_updated_idx', ['status', 'updated_at', 'id']],
    ['tickets_status_priority_idx', ['status', 'priority_rank', 'id']],
    ['tickets_team_status_created_idx', ['team_id', 'status', 'created_at', 'id']],
    ['tickets_team_status_updated_idx', ['team_id', 'status', 'updated_at', 'id']],
    ['tickets_team_created_idx', ['team_id', 'created_at', 'id']],
    ['tickets_assignee_status_created_idx', ['assignee_id', 'status', 'created_at', 'id']],
    ['tickets_assignee_status_updated_idx', ['assignee_id', 'status', 'updated_at', 'id']],
    ['tickets_assignee_created_idx', ['assignee_id', 'created_at', 'id']],
    ['tickets_requester_created_idx', ['requester_id', 'created_at', 'id']],
    ['tickets_organization_created_idx', ['organization_id', 'created_at', 'id']],
    ['tickets_category_created_idx', ['category_id', 'created_at', 'id']],
    ['tickets_priority_created_idx', ['priority_rank', 'created_at', 'id']],
    // The auto-close job: resolved tickets by resolution time.
    ['tickets_status_resolved_idx', ['status', 'resolved_at']],
  ];
  for (const [name, columns] of ticketIndexes) {
    await db.schema.createIndex(name).on('tickets').columns(columns).execute();
  }

  await db.schema
    .createTable('ticket_tags')
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
    .execute();
  await db.schema.createIndex('ticket_tags_tag_idx').on('ticket_tags').columns(['tag', 'ticket_id']).execute();

  await db.schema
    .createTable('ticket_watchers')
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', at, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_watchers_pk', ['ticket_id', 'user_id'])
    .execute();
  await db.schema.createIndex('ticket_watchers_user_idx').on('ticket_watchers').columns(['user_id', 'ticket_id']).execute();

  await withId(db, db.schema.createTable('ticket_messages'))
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('author_id', id, (c) => c.references('users.id').onDelete('set null'))
    // message (requester side), reply (agent, public), note (internal), event (system).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_internal', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    // RFC 5322 Message-ID of the mail this came in as or went out as, for threading.
    .addColumn('email_message_id', 'text')
    // Set when a merge moved the message here from another ticket.
    .addColumn('moved_from_ticket_id', id, (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_messages_ticket_idx').on('ticket_messages').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('ticket_messages_email_idx').on('ticket_messages').column('email_message_id').execute();

  await withId(db, db.schema.createTable('attachments'))
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    // Null between upload and the message that carries it.
    .addColumn('message_id', id, (c) => c.references('ticket_messages.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', id, (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // Inline image of a mail body (cid: reference).
    .addColumn('content_id', 'text')
    .addColumn('is_inline', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('uploaded_by_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_message_idx').on('attachments').columns(['message_id', 'id']).execute();
  await db.schema.createIndex('attachments_ticket_idx').on('attachments').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('attachments_sha256_idx').on('attachments').column('sha256').execute();

  await withId(db, db.schema.createTable('ticket_history'))
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('actor_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('field', 'text', (c) => c.notNull())
    // JSON text for the same reason as tickets.custom_fields: values are stored exactly as they were.
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_history_ticket_idx').on('ticket_history').columns(['ticket_id', 'id']).execute();

  await withId(db, db.schema.createTable('ticket_links'))
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('linked_ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    // Stored in one direction only: parent_of, related, duplicate_of, caused_by.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', at, (c) => c.notNull())
    .addUniqueConstraint('ticket_links_unique', ['ticket_id', 'linked_ticket_id', 'kind'])
    .execute();
  await db.schema.createIndex('ticket_links_linked_idx').on('ticket_links').columns(['linked_ticket_id', 'kind']).execute();

  await withId(db, db.schema.createTable('ticket_time_entries'))
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('agent_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('worked_at', at, (c) => c.notNull())
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_time_entries_ticket_idx').on('ticket_time_entries').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('ticket_time_entries_agent_idx').on('ticket_time_entries').columns(['agent_id', 'worked_at']).execute();

  await withId(db, db.schema.createTable('saved_views'))
    .addColumn('owner_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_shared', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', json, (c) => c.notNull().defaultTo('{}'))
    .addColumn('sort', 'text', (c) => c.notNull())
    .addColumn('columns', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_views_owner_idx').on('saved_views').columns(['owner_id', 'position']).execute();
  await db.schema.createIndex('saved_views_shared_idx').on('saved_views').columns(['is_shared', 'position']).execute();

  // Full-text search: one row per searchable text (ticket subject, message, attachment name), with the
  // internal flag beside it so a requester's search can exclude notes before ranking.
  await withId(db, db.schema.createTable('search_documents'))
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    // subject | message | attachment
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', id, (c) => c.notNull())
    .addColumn('is_internal', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .addUniqueConstraint('search_documents_source_unique', ['source', 'source_id'])
    .execute();
  await db.schema.createIndex('search_documents_ticket_idx').on('search_documents').column('ticket_id').execute();
  if (isPostgres(db)) {
    await sql`alter table search_documents add column search_vector tsvector generated always as (to_tsvector('simple', body)) stored`.execute(db);
    await sql`create index search_documents_vector_idx on search_documents using gin (search_vector)`.execute(db);
  } else {
    // External-content FTS5 index over search_documents, kept in step by triggers.
    await sql`create virtual table search_documents_fts using fts5(body, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger search_documents_ai after insert on search_documents begin
      insert into search_documents_fts(rowid, body) values (new.id, new.body);
    end`.execute(db);
    await sql`create trigger search_documents_ad after delete on search_documents begin
      insert into search_documents_fts(search_documents_fts, rowid, body) values ('delete', old.id, old.body);
    end`.execute(db);
    await sql`create trigger search_documents_au after update on search_documents begin
      insert into search_documents_fts(search_documents_fts, rowid, body) values ('delete', old.id, old.body);
      insert into search_documents_fts(rowid, body) values (new.id, new.body);
    end`.execute(db);
  }
}

export async function down(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) {
    for (const trigger of ['search_documents_au', 'search_documents_ad', 'search_documents_ai']) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
    await sql`drop table if exists search_documents_fts`.execute(db);
  }
  for (const table of [
    'search_documents',
    'saved_views',
    'ticket_time_entries',
    'ticket_links',
    'ticket_history',
    'attachments',
    'ticket_messages',
    'ticket_watchers',
    'ticket_tags',
    'tickets',
    'custom_fields',
    'categories',
    'sequences',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
