import { expressionBuilder, sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect, Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { TicketScope } from '../identity/index.js';
import { fts5Query, markEnd, markStart, pgRecencyQuery, snippetOf, tsQuery, tsScopeQuery, type RecencyWindow } from './search.query.js';
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
  /** Documents ranked before falling back to all of them; `candidateDocuments` unless a test asks for fewer. */
  candidates?: number;
  /** The time recency windows count back from (PostgreSQL); now unless a test says otherwise. */
  now?: Date;
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

// Whole numbers: on SQLite a hit's score is its weight, and bestByKey relies on it being 1 or 2.
const weight = sql`case search_documents.source when 'subject' then 2.0 else 1.0 end`;

/**
 * How many matching documents a search ranks. Ranking every match grows with the desk (a common word matches a
 * tenth of all text); ranking the newest thousand matches stays flat, fills the pages people read, and favours
 * recent tickets, which on a help desk are the ones asked about. Beyond them the total is reported as a lower bound,
 * and a page past what they fill ranks every match. At a million tickets a tier-1 agent's search for "printer" took
 * 3.5 ms to rank 2,000 against 1.5 ms for 1,000 (the window falls out of the caches), for a "374+" instead of "745+".
 */
export const candidateDocuments = 1_000;

/**
 * The newest `limit` documents matching the terms (all of them when null) among those carrying one of the caller's
 * scope keys (search.query.ts), with their relevance. Both engines walk their index newest first and stop: FTS5
 * reads its doclists by descending rowid, PostgreSQL scans ids downwards under the GIN match and ranks only what it
 * keeps (ts_rank_cd). The keys narrow the candidates to documents the caller may see, so the bound fills with them.
 */
function candidates(request: SearchRequest, limit: number | null, match: CandidateMatch) {
  if (request.dialect === 'postgres') {
    const scope = tsScopeQuery(request.scope);
    const text = sql`to_tsquery('simple', ${tsQuery(request.terms)})`;
    const scoped = scope === null ? text : sql`(${text} && ${scope}::tsquery)`;
    const query = match.recent === null ? scoped : sql`(${scoped} && ${pgRecencyQuery(request.now ?? new Date(), match.recent)}::tsquery)`;
    const bound = limit === null ? sql`` : sql`order by id desc limit ${limit}`;
    return sql`select id, ts_rank_cd(search_vector, ${text}) as relevance from search_documents where search_vector @@ ${query} ${bound}`;
  }
  // SQLite: every match weighs the same, so tickets rank by where they matched (subject first), then by age. FTS5's
  // bm25() weighs each term by counting every document that holds it, reading the term's whole list however few
  // rows match all the words: 60–90 ms at a million tickets for two common words.
  // Newest first, FTS5 walks its lists backwards and skips poorly: a match that turns out empty took 36 ms where a
  // forward walk and a sort of what it finds took 22 ms. A dense match is the other way round (6 against 54 ms), so
  // the forward walk is only for matches expected to be sparse (`CandidateMatch.sparse`).
  const newest = match.sparse ? sql`rowid + 0` : sql`rowid`;
  const bound = limit === null ? sql`` : sql`order by ${newest} desc limit ${limit}`;
  const query = fts5Query(request.terms, match.scoped ? request.scope : undefined, match.lastWord);
  return sql`select rowid as id, 1.0 as relevance from search_documents_fts where search_documents_fts match ${query} ${bound}`;
}

/** The candidates the caller may see, each with its score; `from` names the candidates (a CTE or a subquery). */
function visibleDocuments(request: SearchRequest, from: RawBuilder<unknown>) {
  // SQLite takes CROSS JOIN as "in this order": from the candidates to their rows. Left to itself its planner may
  // start from the caller's tickets instead (every ticket of a team: 440 ms against 19 at a million tickets).
  const join = request.dialect === 'postgres' ? sql`inner join` : sql`cross join`;
  return sql`select search_documents.id, search_documents.ticket_id, search_documents.source, search_documents.source_id,
      candidates.relevance * ${weight} as score
    from ${from}
    ${join} search_documents on search_documents.id = candidates.id
    ${join} tickets on tickets.id = search_documents.ticket_id
    where ${internalCondition(request.scope)} and ${ticketConditions(request)}`;
}

/** `page`: each ticket's best hit (highest score, then first written), best tickets first, newest first among equals. */
function bestByWindow(request: SearchRequest) {
  return sql`best as (
      select hits.*, row_number() over (partition by hits.ticket_id order by hits.score desc, hits.id) as position from hits
    ),
    page as (
      select best.id, best.ticket_id, best.source, best.source_id, best.score, count(*) over () as total
      from best where best.position = 1
      order by best.score desc, best.ticket_id desc
      limit ${request.limit} offset ${request.offset}
    )`;
}

/**
 * The same page on SQLite, by grouping instead of a window, which numbers and sorts every hit: at a million tickets
 * a ranking took 1.3–1.8 ms instead of 1.7–2.3 (four common terms, agent and manager, medians of 40 interleaved
 * runs). On SQLite every hit's score is its weight (1 or 2), so one number orders a ticket's hits as the window
 * does, score first and then the lowest id: score × 10¹⁵ − id (exact in a double while ids stay below 10¹⁵). The
 * page's documents are read back from that number.
 */
function bestByKey(request: SearchRequest) {
  return sql`best as (
      select hits.ticket_id, max(hits.score * 1e15 - hits.id) as best_key from hits group by hits.ticket_id
    ),
    ranked as (
      select best.ticket_id, best.best_key, cast(best.best_key / 1e15 as integer) + 1 as score, count(*) over () as total
      from best
      order by score desc, best.ticket_id desc
      limit ${request.limit} offset ${request.offset}
    ),
    page as (
      select search_documents.id, ranked.ticket_id, search_documents.source, search_documents.source_id, ranked.score, ranked.total
      from ranked cross join search_documents on search_documents.id = cast(ranked.score * 1e15 - ranked.best_key as integer)
    )`;
}

/**
 * One page of tickets among the candidates, each by its best document, with the number of tickets and of candidates
 * (which tells whether the candidates were all the matches). An empty page still counts the candidates; its ticket
 * total is 0 and says nothing past the last page.
 */
async function rankAmong(db: Executor, request: SearchRequest, limit: number | null, match: CandidateMatch = fullMatch) {
  const result = await sql<{ [K in keyof RankedDocument]: RankedDocument[K] | null } & { total: number | null; candidates: number }>`
    with candidates as materialized (${candidates(request, limit, match)}),
    hits as (${visibleDocuments(request, sql`candidates`)}),
    ${request.dialect === 'postgres' ? bestByWindow(request) : bestByKey(request)}
    select page.id, page.ticket_id, page.source, page.source_id, page.score, page.total, counted.candidates
    from (select count(*) as candidates from candidates) as counted left join page on true
    order by page.score desc, page.ticket_id desc`.execute(db);
  const rows = result.rows.filter((row) => row.id !== null);
  return {
    documents: rows.map((row) => ({ id: Number(row.id), ticketId: Number(row.ticketId), source: row.source!, sourceId: Number(row.sourceId), score: Number(row.score) })),
    total: Number(rows[0]?.total ?? 0),
    candidates: Number(result.rows[0]?.candidates ?? 0),
  };
}

async function countTickets(db: Executor, request: SearchRequest, limit: number | null): Promise<number> {
  const counted = await sql<{ total: number }>`select count(distinct hits.ticket_id) as total from (${visibleDocuments(request, sql`(${candidates(request, limit, fullMatch)}) as candidates`)}) as hits`.execute(db);
  return Number(counted.rows[0]?.total ?? 0);
}

/**
 * How the full-text query is put: with the caller's scope keys or the words alone (SQLite), the last word as a prefix
 * (it may still be being typed) or whole (SQLite), and over every document or only those changed lately
 * (PostgreSQL). Visibility is checked on the rows either way (visibleDocuments), so every form gives right answers;
 * they differ in cost and in which matches count as the newest.
 */
interface CandidateMatch {
  scoped: boolean;
  lastWord: 'prefix' | 'whole';
  recent: RecencyWindow | null;
  /** SQLite: few matches are expected, so the index is walked forwards (see `candidates`). */
  sparse?: boolean;
}

const fullMatch: CandidateMatch = { scoped: true, lastWord: 'prefix', recent: null };

/** Whether a form finds every match of the full form (the words alone do: visibility is applied to the rows). */
const findsEveryMatch = (match: CandidateMatch) => match.lastWord === 'prefix' && match.recent === null;

/**
 * Cheaper forms of the match tried before the full one, for callers who see much of the desk. Each is used only
 * when it settles the page (see rankTickets). Measured at a million tickets, as a tier-1 agent:
 * - SQLite, the words alone: a team's key is on a third of the documents, and FTS5 probes that list for every match
 *   of the words: "laptop battery", which matches nothing, took 34 ms with the keys against 5 ms without. An agent
 *   sees enough of the newest matches to fill a page. (A requester's keys are rare, so with them the keys lead.)
 * - SQLite, the last word whole: a prefix merges the lists of every word it starts ("printer" → printers…) before the
 *   newest are taken, 3.4 ms against 0.8 ms for "printer". When the whole word alone already has more matches than
 *   are ranked, the prefix could only change which of the newest are ranked. Words of up to three letters have their
 *   own prefix index ("2 3"), so they stay prefixes.
 * - PostgreSQL, the last three months, then the last two years: GIN finds every match and the table is read for
 *   each before the newest are kept (62,689 pages for "wi fi", 300–700 ms); a window reads only its own matches.
 */
function shortcuts(request: SearchRequest): CandidateMatch[] {
  if (request.scope.kind === 'requester' || request.scope.kind === 'none') return [];
  if (request.dialect === 'postgres') return [{ ...fullMatch, recent: 'quarter' }, { ...fullMatch, recent: 'two years' }];
  const whole = (request.terms.at(-1)?.length ?? 0) > 3;
  if (request.scope.kind === 'all') return whole ? [{ ...fullMatch, lastWord: 'whole' }] : [];
  const alone = { ...fullMatch, scoped: false };
  return whole ? [{ ...alone, lastWord: 'whole' }, alone] : [alone];
}

/**
 * One page of tickets, each represented by its best-matching document, and how many tickets match. Only the
 * newest `candidateDocuments` matches are ranked; when there are more, `totalIsLowerBound` says the total counts the
 * tickets among them ("1,000+"). Should the candidates not fill the page asked for (the caller sees few of the
 * desk's tickets, or pages deep), every match is ranked instead, as before. Internal notes and tickets the caller
 * may not see are filtered before grouping and counting either way.
 */
export async function rankTickets(db: Executor, request: SearchRequest): Promise<{ documents: RankedDocument[]; total: number; totalIsLowerBound: boolean }> {
  const bound = request.candidates ?? candidateDocuments;
  // Whether the newest matches of the words alone were many and none the caller's: then the caller's own matches
  // are likely few (an agent searching words only other teams' tickets hold).
  let othersOnly = false;
  for (const match of shortcuts(request)) {
    const tried = await rankAmong(db, request, bound, match);
    if (!match.scoped && tried.candidates >= bound && tried.documents.length === 0 && request.offset === 0) othersOnly = true;
    // The page full from more matches than are ranked, or from the matches of a recent window: the answer the full
    // match gives, up to which of the newest matches were ranked.
    if ((tried.candidates >= bound || match.recent !== null) && tried.documents.length === request.limit) {
      return { documents: tried.documents, total: tried.total, totalIsLowerBound: true };
    }
    // Every match of the full form: exact (an empty first page too).
    if (findsEveryMatch(match) && tried.candidates < bound && (tried.documents.length > 0 || request.offset === 0)) {
      return { documents: tried.documents, total: tried.total, totalIsLowerBound: false };
    }
    // Nothing lately: a wider window is unlikely to fill the page either, and the full match settles it.
    if (match.recent !== null && tried.candidates === 0) break;
    // None of the newest matches of the words is the caller's: with the last word as a prefix they would mostly be the
    // same documents, and the full match settles it ("restore folder" at a million tickets: 5 ms saved of 30).
    if (othersOnly) break;
  }
  const capped = await rankAmong(db, request, bound, othersOnly ? { ...fullMatch, sparse: true } : fullMatch);
  // Fewer candidates than the bound: they were every match, and the page is exact (an empty first page too: nothing
  // matched, or nothing the caller may see, and ranking every match again would find the same).
  if (capped.candidates < bound && (capped.documents.length > 0 || request.offset === 0)) {
    return { documents: capped.documents, total: capped.total, totalIsLowerBound: false };
  }
  if (capped.documents.length === request.limit) return { documents: capped.documents, total: capped.total, totalIsLowerBound: true };
  const every = await rankAmong(db, request, null);
  if (every.documents.length > 0) return { documents: every.documents, total: every.total, totalIsLowerBound: false };
  if (request.offset === 0) return { documents: [], total: 0, totalIsLowerBound: false };
  // Past the last page: the window count came back with no row, so count on its own.
  return { documents: [], total: await countTickets(db, request, null), totalIsLowerBound: false };
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
      : // Cut from the stored text: FTS5's snippet() would run the MATCH again, reading every matching document's
        // position lists (hundreds of milliseconds for a common prefix at 100,000 tickets).
        {
          rows: (await sql<{ id: number; body: string }>`select id, body from search_documents where id in (${ids})`.execute(db)).rows.map((row) => ({
            id: row.id,
            snippet: snippetOf(row.body, terms),
          })),
        };
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
