import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from './helpers.js';

/**
 * PostgreSQL: the tsvector of a search document also holds the month and the year of its last change, as the lexemes
 * `§m<months since year 0>` and `§y<year>` (search.query.ts `pgRecencyQuery`), so that a search can first ask for the
 * newest matches only. A GIN index answers "these words, newest first" by fetching every match from the table and
 * sorting: at a million tickets "wi fi" matched 127,600 of an agent's documents and read 62,689 table pages (300–700
 * ms); limited to the last three months it reads a few hundred (~15 ms). SQLite needs none of this: FTS5 walks its
 * lists newest first and stops.
 *
 * The expression must be immutable to be a generated column: `timezone('UTC', timestamptz)` and `date_part` on a
 * timestamp without time zone are. Rewriting the column rewrites the table (about 1.5 minutes for 5 million documents).
 */
const scopeLexemes = sql`array_to_tsvector(string_to_array(regexp_replace(scope, '(\\S+)', '§\\1', 'g'), ' '))`;
const utc = sql`timezone('UTC', updated_at)`;
const recencyLexemes = sql`array_to_tsvector(array[
  '§m' || (date_part('year', ${utc}) * 12 + date_part('month', ${utc}) - 1)::int,
  '§y' || date_part('year', ${utc})::int])`;

async function replaceVector(db: MigrationDb, expression: ReturnType<typeof sql>): Promise<void> {
  await sql`drop index search_documents_vector_idx`.execute(db);
  await sql`alter table search_documents drop column search_vector`.execute(db);
  await sql`alter table search_documents add column search_vector tsvector generated always as (${expression}) stored`.execute(db);
  await sql`create index search_documents_vector_idx on search_documents using gin (search_vector)`.execute(db);
}

export async function up(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) return;
  await replaceVector(db, sql`to_tsvector('simple', body) || ${scopeLexemes} || ${recencyLexemes}`);
}

export async function down(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) return;
  await replaceVector(db, sql`to_tsvector('simple', body) || ${scopeLexemes}`);
}
