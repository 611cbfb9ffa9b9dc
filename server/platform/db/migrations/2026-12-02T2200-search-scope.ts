import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from './helpers.js';

/**
 * Search documents carry who may find them (`scope`: the ticket's team, assignee, requester and organisation as
 * `t7 a12 r40 o3`, and `pub` unless the text is internal), and the full-text index holds those keys beside the text,
 * so a search can ask for the caller's keys and the terms at once (see search.query.ts). On SQLite the FTS5 table
 * gets a second column; on PostgreSQL the tsvector gets the keys as `§`-marked lexemes the text parser never makes.
 */
const scopeOfDocument = sql`coalesce('t' || tickets.team_id || ' ', '') || coalesce('a' || tickets.assignee_id || ' ', '') || 'r' || tickets.requester_id
  || coalesce(' o' || tickets.organization_id, '') || case when search_documents.is_internal then '' else ' pub' end`;

const sqliteTriggers = ['search_documents_ai', 'search_documents_ad', 'search_documents_au'];

async function createSqliteIndex(db: MigrationDb, columns: 'body' | 'body, scope'): Promise<void> {
  const values = columns === 'body' ? 'new.body' : 'new.body, new.scope';
  const old = columns === 'body' ? 'old.body' : 'old.body, old.scope';
  await sql
    .raw(`create virtual table search_documents_fts using fts5(${columns}, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')`)
    .execute(db);
  await sql`insert into search_documents_fts(search_documents_fts) values ('rebuild')`.execute(db);
  await sql.raw(`create trigger search_documents_ai after insert on search_documents begin insert into search_documents_fts(rowid, ${columns}) values (new.id, ${values}); end`).execute(db);
  await sql
    .raw(`create trigger search_documents_ad after delete on search_documents begin insert into search_documents_fts(search_documents_fts, rowid, ${columns}) values ('delete', old.id, ${old}); end`)
    .execute(db);
  await sql
    .raw(
      `create trigger search_documents_au after update on search_documents begin
        insert into search_documents_fts(search_documents_fts, rowid, ${columns}) values ('delete', old.id, ${old});
        insert into search_documents_fts(rowid, ${columns}) values (new.id, ${values});
      end`,
    )
    .execute(db);
}

async function dropSqliteIndex(db: MigrationDb): Promise<void> {
  for (const trigger of sqliteTriggers) await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  await sql`drop table if exists search_documents_fts`.execute(db);
}

export async function up(db: MigrationDb): Promise<void> {
  await sql`alter table search_documents add column scope text not null default ''`.execute(db);
  if (isPostgres(db)) {
    await sql`update search_documents set scope = ${scopeOfDocument} from tickets where tickets.id = search_documents.ticket_id`.execute(db);
    await sql`drop index search_documents_vector_idx`.execute(db);
    await sql`alter table search_documents drop column search_vector`.execute(db);
    await sql`alter table search_documents add column search_vector tsvector generated always as (
      to_tsvector('simple', body) || array_to_tsvector(string_to_array(regexp_replace(scope, '(\\S+)', '§\\1', 'g'), ' '))) stored`.execute(db);
    await sql`create index search_documents_vector_idx on search_documents using gin (search_vector)`.execute(db);
    return;
  }
  // Without the index while the scope is written: its triggers would delete and re-add every document.
  await dropSqliteIndex(db);
  await sql`update search_documents set scope = (select ${scopeOfDocument} from tickets where tickets.id = search_documents.ticket_id)`.execute(db);
  await createSqliteIndex(db, 'body, scope');
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index search_documents_vector_idx`.execute(db);
    await sql`alter table search_documents drop column search_vector`.execute(db);
    await sql`alter table search_documents add column search_vector tsvector generated always as (to_tsvector('simple', body)) stored`.execute(db);
    await sql`create index search_documents_vector_idx on search_documents using gin (search_vector)`.execute(db);
  } else {
    await dropSqliteIndex(db);
  }
  await sql`alter table search_documents drop column scope`.execute(db);
  if (!isPostgres(db)) await createSqliteIndex(db, 'body');
}
