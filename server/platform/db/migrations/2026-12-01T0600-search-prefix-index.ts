import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from './helpers.js';

/**
 * SQLite: the full-text index also keeps every term's first two and three letters (FTS5 `prefix='2 3'`). Search
 * matches each word as a prefix while people type; without these, a short prefix such as "wi" (of "wi-fi") merged
 * the lists of every term starting with it: 23 ms against 6 ms for that query on a 100,000-ticket desk, for about
 * 10 % more disk. The index is rebuilt from `search_documents`; its triggers stay as they are. PostgreSQL's GIN index
 * needs no such help.
 */
const tokenizer = `tokenize='unicode61 remove_diacritics 2'`;

async function recreate(db: MigrationDb, options: string): Promise<void> {
  await sql`drop table search_documents_fts`.execute(db);
  await sql
    .raw(`create virtual table search_documents_fts using fts5(body, content='search_documents', content_rowid='id', ${tokenizer}${options})`)
    .execute(db);
  await sql`insert into search_documents_fts(search_documents_fts) values ('rebuild')`.execute(db);
}

export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await recreate(db, `, prefix='2 3'`);
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await recreate(db, '');
}
