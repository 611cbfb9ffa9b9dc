import type { SearchQuery, TicketViewFilters } from '../../../shared/schemas/ticket-extras.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { ticketScope, type Actor } from '../identity/index.js';
import { highlightToHtml, searchTerms } from './search.query.js';
import { catchUpSearchIndex } from './search.index-queue.js';
import { rankTickets, snippets, ticketSummaries } from './search.repository.js';
import { assertUsesTickets } from './ticket-access.js';
import { formatReference } from './tickets.presenter.js';
import { viewFilterConditions } from './views.filters.js';
import { parseStoredFilters } from './views.service.js';
import { findVisibleView } from './views.repository.js';

const filterKeys = [
  'status', 'priority', 'teamId', 'assigneeId', 'categoryId', 'tags', 'requesterId', 'organizationId',
  'channel', 'type', 'createdFrom', 'createdTo', 'updatedFrom', 'updatedTo', 'dueWithinMinutes',
] as const satisfies readonly (keyof TicketViewFilters)[];

/** Full-text search over the tickets the caller may see, ranked, one hit per ticket, with snippets. */
export function createSearchService({ database, clock }: { database: Database; clock: Clock }) {
  const db = database.db;

  async function filtersFor(actor: Actor, query: SearchQuery): Promise<TicketViewFilters> {
    const explicit: TicketViewFilters = {};
    for (const key of filterKeys) if (query[key] !== undefined) Object.assign(explicit, { [key]: query[key] });
    if (query.viewId === undefined) return explicit;
    const view = await findVisibleView(db, query.viewId, actor.userId);
    if (!view) throw new NotFoundError(`View ${query.viewId} does not exist.`, { viewId: query.viewId });
    // The view's own text joins the typed text: both must match.
    const { q: viewText, ...viewFilters } = parseStoredFilters(view.filters);
    return { ...viewFilters, ...explicit, ...(viewText ? { q: viewText } : {}) };
  }

  return {
    async search(actor: Actor, query: SearchQuery) {
      assertUsesTickets(actor);
      const terms = searchTerms(query.q);
      if (terms.length === 0) {
        throw new ValidationError('invalid_field', 'Search for at least one word (letters or digits).', { field: 'q' });
      }
      const scope = ticketScope(actor);
      const filters = await filtersFor(actor, query);
      await catchUpSearchIndex(db, database.dialect);
      const conditions = viewFilterConditions(filters, { dialect: database.dialect, actorId: actor.userId, seesInternalNotes: scope.seesInternalNotes, now: clock.now() });
      // Ranking is the one part that can keep SQLite busy for milliseconds: it runs off the event loop.
      const { documents, total, totalIsLowerBound } = await rankTickets(database.heavyReads, { dialect: database.dialect, terms, scope, conditions, limit: query.limit, offset: query.offset, now: clock.now() });
      const [tickets, fragments] = await Promise.all([
        ticketSummaries(db, documents.map((d) => d.ticketId)),
        snippets(db, database.dialect, terms, documents.map((d) => d.id)),
      ]);
      const items = documents.flatMap((document) => {
        const ticket = tickets.get(document.ticketId);
        if (!ticket) return []; // deleted between the two reads
        return [
          {
            ticket: { ...ticket, reference: formatReference(ticket.ref) },
            matchedIn: document.source,
            sourceId: document.sourceId,
            snippet: highlightToHtml(fragments.get(document.id) ?? ''),
            score: document.score,
          },
        ];
      });
      return { items, total, totalIsLowerBound, limit: query.limit, offset: query.offset };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
