import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from './helpers.js';

/**
 * SQLite: changes to search documents reach the FTS5 index through a queue instead of directly from the triggers.
 *
 * FTS5 writes a new segment of its index at every commit that touched it and merges segments as they pile up, so a
 * small write (a reply: one document) paid ~0.3 ms at its commit for the index alone, more than the rest of its SQL.
 * The triggers now append each change to `search_index_queue` (a plain insert), and the queue is replayed into the
 * index in one transaction for many writes (search.index-queue.ts): after a short delay, and before any query that
 * reads the index, so a search still finds every committed document.
 *
 * The queue holds the values as indexed: an external-content FTS5 index must be told the exact old text to delete,
 * and replaying inserts and deletes in order keeps it right whatever happened to a document in between.
 */
const directTriggers = ['search_documents_ai', 'search_documents_ad', 'search_documents_au'];

export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create table search_index_queue (
    seq integer primary key,
    document_id integer not null,
    is_delete integer not null,
    body text not null,
    scope text not null
  )`.execute(db);
  for (const trigger of directTriggers) await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  await sql`create trigger search_documents_ai after insert on search_documents begin
    insert into search_index_queue (document_id, is_delete, body, scope) values (new.id, 0, new.body, new.scope);
  end`.execute(db);
  await sql`create trigger search_documents_ad after delete on search_documents begin
    insert into search_index_queue (document_id, is_delete, body, scope) values (old.id, 1, old.body, old.scope);
  end`.execute(db);
  // Only the text and the scope are in the index; an update that changes neither (its time) leaves it alone.
  await sql`create trigger search_documents_au after update on search_documents
    when old.body is not new.body or old.scope is not new.scope or old.id is not new.id begin
    insert into search_index_queue (document_id, is_delete, body, scope) values (old.id, 1, old.body, old.scope);
    insert into search_index_queue (document_id, is_delete, body, scope) values (new.id, 0, new.body, new.scope);
  end`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  for (const trigger of directTriggers) await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  // What is still queued goes into the index first: the direct triggers only see changes from now on.
  await sql`insert into search_documents_fts (search_documents_fts, rowid, body, scope)
    select case when is_delete then 'delete' end, document_id, body, scope from search_index_queue order by seq`.execute(db);
  await sql`drop table search_index_queue`.execute(db);
  await sql`create trigger search_documents_ai after insert on search_documents begin
    insert into search_documents_fts(rowid, body, scope) values (new.id, new.body, new.scope); end`.execute(db);
  await sql`create trigger search_documents_ad after delete on search_documents begin
    insert into search_documents_fts(search_documents_fts, rowid, body, scope) values ('delete', old.id, old.body, old.scope); end`.execute(db);
  await sql`create trigger search_documents_au after update on search_documents begin
        insert into search_documents_fts(search_documents_fts, rowid, body, scope) values ('delete', old.id, old.body, old.scope);
        insert into search_documents_fts(rowid, body, scope) values (new.id, new.body, new.scope);
      end`.execute(db);
}
