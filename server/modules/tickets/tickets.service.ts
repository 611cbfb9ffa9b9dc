import type { CreateTicketBody, Ticket, TicketListQuery, UpdateTicketBody } from '../../../shared/schemas/tickets.js';
import { autoCloseThreshold } from '../../../shared/ticket-status.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Database, Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError, NotFoundError } from '../../platform/http/errors.js';
import { ticketScope, type Actor } from '../identity/index.js';
import { loadTicketSlaSummaries } from '../sla/index.js';
import type { DeskSettingsService } from './desk-settings.service.js';
import { assertAgentMay, assertRequesterFields, assertUsesTickets, requesterCreateFields, transitionActor } from './ticket-access.js';
import { planTicketChanges, type TicketChanges } from './ticket-changes.js';
import { insertNewTicket } from './ticket-creation.js';
import { listTickets } from './ticket-list.repository.js';
import { commitPlan, inTicketTransaction, loadForChange, publishAll, staleVersionError, ticketCreatedEvent, ticketUpdatedEvent, type PendingEvent } from './ticket-writes.js';
import { presentTicket, visibilityOf, type TicketRow } from './tickets.presenter.js';
import { createRequesterUser, findCategory, findResolvedBefore, findUserIdByEmail, findVisibleTicket, loadUsers } from './tickets.repository.js';

export interface TicketsServiceDependencies {
  database: Database;
  clock: Clock;
  events: EventBus;
  settings: DeskSettingsService;
  reopenWindowDays: number;
  autoCloseDays: number;
}

/** The ticket use cases: file, read, list, change (one, many), and the timed close. */
export function createTicketsService(deps: TicketsServiceDependencies) {
  const { database, clock, events, settings } = deps;
  const db = database.db;

  /** A page of tickets: one query for the people on it, one for their SLA clocks. */
  async function present(rows: TicketRow[]): Promise<Ticket[]> {
    const users = await loadUsers(db, rows.flatMap((row) => [row.requesterId, row.assigneeId]));
    const sla = await loadTicketSlaSummaries(db, rows.map((row) => row.id), nowIso(clock));
    return rows.map((row) => presentTicket(row, users, sla.get(row.id) ?? null));
  }

  async function presentOne(row: TicketRow): Promise<Ticket> {
    return (await present([row]))[0]!;
  }

  /**
   * The team of a ticket filed without one: its category's team (applied when the ticket is written), else the
   * desk's default team, so that a portal or API ticket without a category is still seen by a team. A team named
   * explicitly, even null, is left as given.
   */
  async function routeUnnamedTeam(tx: Executor, categoryId: number | null | undefined): Promise<number | null | undefined> {
    if (categoryId) {
      const category = await findCategory(tx, categoryId);
      if (category?.defaultTeamId) return undefined;
    }
    return settings.defaultTeamId(tx);
  }

  /** Who the ticket is for: the caller, or (for an agent logging it) a person named by id or address. */
  async function chooseRequester(actor: Actor, body: CreateTicketBody): Promise<{ requesterId?: number; email?: string; name?: string }> {
    const onBehalf = (body.requesterId !== undefined && body.requesterId !== actor.userId) || body.requesterEmail !== undefined;
    if (!onBehalf) return { requesterId: actor.userId };
    assertAgentMay(actor, 'tickets.create', 'log tickets for other people');
    if (body.requesterId !== undefined) return { requesterId: body.requesterId };
    return { email: body.requesterEmail!, name: body.requesterName ?? body.requesterEmail!.split('@')[0]! };
  }

  async function create(actor: Actor, body: CreateTicketBody): Promise<Ticket> {
    assertUsesTickets(actor);
    const asRequester = transitionActor(actor) === 'requester';
    if (asRequester) assertRequesterFields(body, requesterCreateFields);
    const who = await chooseRequester(actor, body);
    const matrix = await settings.priorityMatrix();
    const customFields = await settings.listCustomFields();
    const now = nowIso(clock);
    // The ticket, its first message, their outbox entries and search documents: one commit.
    const { ticket, pending } = await inTicketTransaction(db, events, now, async (tx) => {
      let requesterId = who.requesterId;
      if (requesterId === undefined) {
        requesterId = (await findUserIdByEmail(tx, who.email!)) ?? (await createRequesterUser(tx, who.email!, who.name!, now));
      }
      const created = await insertNewTicket(
        { tx, dialect: database.dialect, matrix, customFields, actorId: actor.userId, now },
        {
          ...body,
          teamId: body.teamId !== undefined ? body.teamId : await routeUnnamedTeam(tx, body.categoryId),
          requesterId,
          channel: body.channel ?? (actor.via === 'token' ? 'api' : 'portal'),
          customFields: body.customFields ? { ...body.customFields } : undefined,
        },
      );
      const events: PendingEvent[] = [
        ticketCreatedEvent(created.ticket, actor.userId),
        {
          type: 'message.created',
          actorId: actor.userId,
          payload: { ...visibilityOf(created.ticket), messageId: created.message.id, kind: created.message.kind, internal: false, authorId: created.message.authorId },
        },
      ];
      return { ticket: created.ticket, pending: events };
    });
    await publishAll(events, now, pending);
    return presentOne(ticket);
  }

  async function get(actor: Actor, id: number): Promise<Ticket> {
    assertUsesTickets(actor);
    const row = await findVisibleTicket(db, id, ticketScope(actor));
    if (!row) throw new NotFoundError(`Ticket ${id} does not exist.`, { ticketId: id });
    return presentOne(row);
  }

  async function list(actor: Actor, query: TicketListQuery): Promise<{ items: Ticket[]; nextCursor: string | null }> {
    assertUsesTickets(actor);
    const { sort, cursor, limit, ...filters } = query;
    const page = await listTickets(db, { filters, sort, cursor, limit, scope: ticketScope(actor), actorId: actor.userId, dialect: database.dialect, now: clock.now() });
    return { items: await present(page.rows), nextCursor: page.nextCursor };
  }

  /**
   * Applies `changes` as `actor`. `expectedVersion` is the version the client saw (a PATCH), or
   * 'current' for changes that do not depend on a screen the client saw (bulk edits).
   */
  async function change(actor: Actor, id: number, changes: TicketChanges, expectedVersion: number | 'current', reason: string | null): Promise<Ticket> {
    assertUsesTickets(actor);
    const kind = transitionActor(actor);
    if (kind === 'requester') {
      // "This solved my problem" and reopening are the only changes a requester makes.
      assertRequesterFields(changes, new Set(['status']));
    } else {
      assertAgentMay(actor, 'tickets.update', 'change tickets');
    }
    const matrix = await settings.priorityMatrix();
    const customFields = await settings.listCustomFields();
    const now = nowIso(clock);
    const result = await inTicketTransaction(db, events, now, async (tx) => {
      const row = await loadForChange(tx, database.dialect, id, ticketScope(actor));
      if (expectedVersion !== 'current' && row.version !== expectedVersion) throw await staleVersionError(tx, row, expectedVersion);
      const plan = await planTicketChanges({ tx, matrix, customFields, actor: kind, now }, row, changes);
      const updated = await commitPlan(tx, row, plan, actor.userId, now, reason);
      return { after: updated, pending: plan.changes.length > 0 ? [ticketUpdatedEvent(row, updated, plan.changes, actor.userId)] : [] };
    });
    await publishAll(events, now, result.pending);
    return presentOne(result.after);
  }

  async function update(actor: Actor, id: number, body: UpdateTicketBody): Promise<Ticket> {
    const { version, reason, ...changes } = body;
    return change(actor, id, changes, version, reason ?? null);
  }

  /** Each ticket in its own transaction: one refusal never undoes the others. */
  async function bulkUpdate(
    actor: Actor,
    ticketIds: number[],
    changes: { status?: TicketChanges['status']; assigneeId?: number | null; teamId?: number | null; priority?: TicketChanges['priority']; addTags?: string[]; removeTags?: string[] },
    reason: string | null,
  ) {
    assertAgentMay(actor, 'tickets.bulk', 'edit tickets in bulk');
    const results = [];
    for (const ticketId of [...new Set(ticketIds)]) {
      try {
        const { addTags, removeTags, ...fields } = changes;
        const ticketChanges: TicketChanges = { ...fields };
        if (addTags || removeTags) {
          const current = await findVisibleTicket(db, ticketId, ticketScope(actor));
          if (!current) throw new NotFoundError(`Ticket ${ticketId} does not exist.`, { ticketId });
          const tags = new Set(parseJson<string[]>(current.tags));
          for (const tag of addTags ?? []) tags.add(tag);
          for (const tag of removeTags ?? []) tags.delete(tag);
          ticketChanges.tags = [...tags];
        }
        results.push({ ticketId, ok: true, ticket: await change(actor, ticketId, ticketChanges, 'current', reason) });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        results.push({ ticketId, ok: false, error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
      }
    }
    return { results };
  }

  /**
   * Closes tickets resolved more than autoCloseDays ago (PRODUCT.md §2). Idempotent: a ticket that was
   * reopened or closed meanwhile is left alone. Returns how many it closed.
   */
  async function closeResolvedTickets(now: Date = clock.now()): Promise<number> {
    const at = now.toISOString();
    const threshold = autoCloseThreshold(at, deps.autoCloseDays);
    let closed = 0;
    for (;;) {
      const due = await findResolvedBefore(db, threshold, 200);
      if (due.length === 0) return closed;
      for (const candidate of due) {
        const pending: PendingEvent[] = [];
        await inTransaction(db, async (tx) => {
          const row = await loadForChange(tx, database.dialect, candidate.id, { kind: 'all', seesInternalNotes: true });
          if (row.status !== 'resolved' || row.resolvedAt === null || row.resolvedAt > threshold) return;
          const plan = await planTicketChanges(
            { tx, matrix: await settings.priorityMatrix(tx), customFields: [], actor: 'agent', now: at, systemStatusChange: true },
            row,
            { status: 'closed' },
          );
          const updated = await commitPlan(tx, row, plan, null, at, `closed automatically ${deps.autoCloseDays} days after resolution`);
          pending.push(ticketUpdatedEvent(row, updated, plan.changes, null));
        });
        closed += pending.length;
        await publishAll(events, at, pending);
      }
      if (due.length < 200) return closed;
    }
  }

  return { create, get, list, update, change, bulkUpdate, closeResolvedTickets, present, presentOne };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
