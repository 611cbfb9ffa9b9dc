import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { fts5Query, searchTerms, tsQuery } from './search.query.js';

/**
 * The full-text engine, as SQL fragments over `search_documents`. One module decides how SQLite FTS5
 * and PostgreSQL tsvector are asked, so search, the ticket list's `q` filter and view counts agree.
 */

/** `search_documents` rows whose body matches every term. */
export function documentMatches(dialect: Dialect, terms: readonly string[]): Expression<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`search_documents.search_vector @@ to_tsquery('simple', ${tsQuery(terms)})`
    : sql<SqlBool>`search_documents.id in (select rowid from search_documents_fts where search_documents_fts match ${fts5Query(terms)})`;
}

/**
 * The `q` filter of a ticket list: tickets with a matching subject, message or attachment name that
 * the caller may read. A requester's text never matches inside an internal note, so neither the list
 * nor its count reveals that a note mentions the word.
 */
export function ticketMatchesText(dialect: Dialect, text: string, seesInternalNotes: boolean) {
  const terms = searchTerms(text);
  return (eb: ExpressionBuilder<Database, 'tickets'>): Expression<SqlBool> => {
    if (terms.length === 0) return sql<SqlBool>`1 = 0`;
    let documents = eb
      .selectFrom('searchDocuments')
      .select('searchDocuments.ticketId')
      .whereRef('searchDocuments.ticketId', '=', 'tickets.id')
      .where(() => documentMatches(dialect, terms));
    if (!seesInternalNotes) documents = documents.where('searchDocuments.isInternal', '=', false);
    return eb.exists(documents);
  };
}
