import type { z } from 'zod';
import { TicketViewFiltersSchema, type CreateViewBodySchema, type TicketViewFilters, type UpdateViewBodySchema, type View } from '../../../shared/schemas/ticket-extras.js';
import type { TicketSort } from '../../../shared/schemas/tickets.js';
import type { Clock } from '../../platform/clock.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Database } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { can, ticketScope, type Actor } from '../identity/index.js';
import { catchUpSearchIndex } from './search.index-queue.js';
import { ticketFilterConditions } from './views.filters.js';
import { countTickets, deleteView, findVisibleView, insertView, listVisibleViews, updateView, type SavedViewRow } from './views.repository.js';

/**
 * Filters are validated on the way in; reading them back re-validates so that a view saved under an
 * older schema degrades to fewer filters rather than an error.
 */
export function parseStoredFilters(stored: unknown): TicketViewFilters {
  const parsed = TicketViewFiltersSchema.safeParse(parseJson<unknown>(stored));
  return parsed.success ? parsed.data : {};
}

function present(row: SavedViewRow, count?: number): View {
  return {
    id: row.id,
    ownerId: row.ownerId,
    shared: Boolean(row.isShared),
    name: row.name,
    filters: parseJson<Record<string, unknown>>(row.filters),
    sort: row.sort as TicketSort,
    columns: parseJson<string[]>(row.columns),
    position: row.position,
    ...(count === undefined ? {} : { count }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Saved views: personal ones for their owner, shared ones (views.share) for everyone at the desk. */
export function createViewsService({ database, clock }: { database: Database; clock: Clock }) {
  const db = database.db;

  async function countFor(actor: Actor, row: SavedViewRow): Promise<number> {
    const scope = ticketScope(actor);
    const filters = parseStoredFilters(row.filters);
    if (filters.q) await catchUpSearchIndex(db, database.dialect);
    const conditions = ticketFilterConditions(filters, {
      dialect: database.dialect,
      actorId: actor.userId,
      seesInternalNotes: scope.seesInternalNotes,
      now: clock.now(),
    });
    // Counting a view reads every ticket it holds (a team's open tickets, a text match): off the event loop.
    return countTickets(database.heavyReads, scope, conditions);
  }

  async function editable(actor: Actor, id: number): Promise<SavedViewRow> {
    const row = await findVisibleView(db, id, actor.userId);
    if (!row) throw new NotFoundError(`View ${id} does not exist.`, { viewId: id });
    // A shared view belongs to the desk: whoever may share views may tidy it; others only their own.
    if (row.ownerId !== actor.userId && !can(actor, 'views.share')) {
      throw new ForbiddenError('forbidden', 'Only its owner or someone who may share views can change this view.');
    }
    return row;
  }

  function assertMayShare(actor: Actor, shared: boolean | undefined): void {
    if (shared && !can(actor, 'views.share')) throw new ForbiddenError('forbidden', 'Your role may not share views with the desk.');
  }

  return {
    /** Every view the caller sees, each with its count for the caller: one COUNT query per view. */
    async list(actor: Actor, options: { counts: boolean }): Promise<View[]> {
      const rows = await listVisibleViews(db, actor.userId);
      const views: View[] = [];
      for (const row of rows) views.push(present(row, options.counts ? await countFor(actor, row) : undefined));
      return views;
    },

    async get(actor: Actor, id: number): Promise<View> {
      const row = await findVisibleView(db, id, actor.userId);
      if (!row) throw new NotFoundError(`View ${id} does not exist.`, { viewId: id });
      return present(row, await countFor(actor, row));
    },

    async create(actor: Actor, body: z.infer<typeof CreateViewBodySchema>): Promise<View> {
      assertMayShare(actor, body.shared);
      const now = clock.now().toISOString();
      const row = await insertView(db, {
        ownerId: actor.userId,
        isShared: body.shared,
        name: body.name,
        filters: JSON.stringify(body.filters),
        sort: body.sort,
        columns: JSON.stringify(body.columns),
        position: body.position,
        createdAt: now,
        updatedAt: now,
      });
      return present(row, await countFor(actor, row));
    },

    async update(actor: Actor, id: number, body: z.infer<typeof UpdateViewBodySchema>): Promise<View> {
      await editable(actor, id);
      assertMayShare(actor, body.shared);
      const row = await updateView(db, id, {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.filters === undefined ? {} : { filters: JSON.stringify(body.filters) }),
        ...(body.sort === undefined ? {} : { sort: body.sort }),
        ...(body.columns === undefined ? {} : { columns: JSON.stringify(body.columns) }),
        ...(body.shared === undefined ? {} : { isShared: body.shared }),
        ...(body.position === undefined ? {} : { position: body.position }),
        updatedAt: clock.now().toISOString(),
      });
      return present(row, await countFor(actor, row));
    },

    async remove(actor: Actor, id: number): Promise<void> {
      await editable(actor, id);
      await deleteView(db, id);
    },
  };
}

export type ViewsService = ReturnType<typeof createViewsService>;
