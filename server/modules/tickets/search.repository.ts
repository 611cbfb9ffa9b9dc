import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { Dialect, Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { TicketScope } from '../identity/index.js';
import { fts5Query, markEnd, markStart, tsQuery } from './search.query.js';
import type { SearchSource } from './tickets.tables.js';
import { visibleTo } from './tickets.repository.js';
import type { TicketCondition } from './views.filters.js';

/** The only SQL of search: rank documents, keep each ticket's best, then fetch snippets for one page. */

export interface SearchRequest {
  dialect: Dialect;
  terms: readonly string[];
  scope: TicketScope;
  /** View filters, already turned into conditions on `tickets`. */
  conditions: readonly TicketCondition[];
  limit: number;
  offset: number;
}

export interface RankedDocument {
  id: number;
  ticketId: number;
  source: SearchSource;
  sourceId: number;
  score: number;
}

function ticketConditions(request: SearchRequest): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'tickets'>();
  return eb.and([visibleTo(request.scope)(eb), ...request.conditions.map((condition) => condition(eb))]);
}

/**
 * Internal notes (and attachments of notes) are excluded before ranking, so a requester's result
 * list, its order and its total are what they would be if the notes did not exist.
 */
function internalCondition(scope: TicketScope) {
  return scope.seesInternalNotes ? sql<SqlBool>`1 = 1` : sql<SqlBool>`search_documents.is_internal = ${false}`;
}

const weight = sql`case search_documents.source when 'subject' then 2.0 else 1.0 end`;

function matchingDocuments(request: SearchRequest) {
  const where = sql`${internalCondition(request.scope)} and ${ticketConditions(request)}`;
  if (request.dialect === 'postgres') {
    return sql`select search_documents.id, search_documents.ticket_id, search_documents.source, search_documents.source_id,
        ts_rank_cd(search_documents.search_vector, query.q) * ${weight} as score
      from search_documents
      cross join (select to_tsquery('simple', ${tsQuery(request.terms)}) as q) as query
      inner join tickets on tickets.id = search_documents.ticket_id
      where search_documents.search_vector @@ query.q and ${where}`;
  }
  // bm25() is lower for better matches; negated so that on both databases a higher score is better.
  return sql`select search_documents.id, search_documents.ticket_id, search_documents.source, search_documents.source_id,
      -bm25(search_documents_fts) * ${weight} as score
    from search_documents_fts
    inner join search_documents on search_documents.id = search_documents_fts.rowid
    inner join tickets on tickets.id = search_documents.ticket_id
    where search_documents_fts match ${fts5Query(request.terms)} and ${where}`;
}

/** One page of tickets, each represented by its best-matching document, and how many tickets match. */
export async function rankTickets(db: Executor, request: SearchRequest): Promise<{ documents: RankedDocument[]; total: number }> {
  const result = await sql<RankedDocument & { total: number }>`
    with hits as (${matchingDocuments(request)}),
    best as (
      select hits.*, row_number() over (partition by hits.ticket_id order by hits.score desc, hits.id) as position from hits
    )
    select best.id, best.ticket_id, best.source, best.source_id, best.score, count(*) over () as total
    from best where best.position = 1
    order by best.score desc, best.ticket_id desc
    limit ${request.limit} offset ${request.offset}`.execute(db);
  const documents = result.rows.map((row) => ({
    id: Number(row.id),
    ticketId: Number(row.ticketId),
    source: row.source,
    sourceId: Number(row.sourceId),
    score: Number(row.score),
  }));
  const first = result.rows[0];
  if (first) return { documents, total: Number(first.total) };
  if (request.offset === 0) return { documents, total: 0 };
  // Past the last page: the window count came back with no row, so count on its own.
  const counted = await sql<{ total: number }>`select count(distinct hits.ticket_id) as total from (${matchingDocuments(request)}) as hits`.execute(db);
  return { documents, total: Number(counted.rows[0]?.total ?? 0) };
}

// Subjects and file names are short: shown whole. Messages: up to two fragments around the matches.
const wholeOptions = `StartSel=${markStart}, StopSel=${markEnd}, HighlightAll=true`;
const fragmentOptions = `StartSel=${markStart}, StopSel=${markEnd}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** Highlighted fragments (with private-use marks around matches) for the given documents. */
export async function snippets(db: Executor, dialect: Dialect, terms: readonly string[], documentIds: readonly number[]): Promise<Map<number, string>> {
  if (documentIds.length === 0) return new Map();
  const ids = sql.join(documentIds.map((id) => sql`${id}`));
  const rows =
    dialect === 'postgres'
      ? await sql<{ id: number; snippet: string }>`
          select id, ts_headline('simple', body, query.q, case when source = 'message' then ${fragmentOptions} else ${wholeOptions} end) as snippet
          from search_documents cross join (select to_tsquery('simple', ${tsQuery(terms)}) as q) as query
          where id in (${ids})`.execute(db)
      : await sql<{ id: number; snippet: string }>`
          select rowid as id, snippet(search_documents_fts, 0, ${markStart}, ${markEnd}, '…', 24) as snippet
          from search_documents_fts where search_documents_fts match ${fts5Query(terms)} and rowid in (${ids})`.execute(db);
  return new Map(rows.rows.map((row) => [Number(row.id), row.snippet]));
}

export async function ticketSummaries(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, never>();
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'ref', 'subject', 'status', 'priority', 'teamId', 'assigneeId', 'requesterId', 'createdAt', 'updatedAt'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}
