import type { LinkKind, LinkRelation, Ticket } from '../../../shared/schemas/tickets.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { canSeeTicket, ticketScope, type Actor } from '../identity/index.js';
import * as conversation from './conversation.repository.js';
import type { DeskSettingsService } from './desk-settings.service.js';
import { assertAgentMay } from './ticket-access.js';
import { planTicketChanges } from './ticket-changes.js';
import { commitPlan, loadForChange, publishAll, recordHistory, staleVersionError, ticketUpdatedEvent, type PendingEvent } from './ticket-writes.js';
import { namesOf, referencesOf } from './history-names.js';
import { formatReference, type TicketRow } from './tickets.presenter.js';
import { findVisibleTicket, loadUsers } from './tickets.repository.js';

export interface RelationsServiceDependencies {
  database: Database;
  clock: Clock;
  events: EventBus;
  settings: DeskSettingsService;
  presentTicket: (row: TicketRow) => Promise<Ticket>;
}

/** Links are stored one way; each relation maps to a stored kind and which side holds it. */
const storedAs: Record<LinkRelation, { kind: LinkKind; thisSideFirst: boolean }> = {
  parent_of: { kind: 'parent_of', thisSideFirst: true },
  child_of: { kind: 'parent_of', thisSideFirst: false },
  related: { kind: 'related', thisSideFirst: true },
  duplicate_of: { kind: 'duplicate_of', thisSideFirst: true },
  duplicated_by: { kind: 'duplicate_of', thisSideFirst: false },
  caused_by: { kind: 'caused_by', thisSideFirst: true },
  causes: { kind: 'caused_by', thisSideFirst: false },
};

function relationFrom(kind: LinkKind, outgoing: boolean): LinkRelation {
  if (outgoing || kind === 'related') return kind;
  return kind === 'parent_of' ? 'child_of' : kind === 'duplicate_of' ? 'duplicated_by' : 'causes';
}

/** History, links, time entries and merge: the agent's tools around a ticket. */
export function createTicketRelationsService(deps: RelationsServiceDependencies) {
  const { database, clock, events, settings } = deps;
  const db = database.db;

  async function visible(actor: Actor, id: number): Promise<TicketRow> {
    const row = await findVisibleTicket(db, id, ticketScope(actor));
    if (!row) throw new NotFoundError(`Ticket ${id} does not exist.`, { ticketId: id });
    return row;
  }

  // History values are stored as JSON text on both databases.
  const readHistoryValue = (value: unknown) => (value === null ? null : parseJson(value));

  async function history(actor: Actor, ticketId: number, options: { after?: number | undefined; limit: number }) {
    await visible(actor, ticketId);
    const rows = await conversation.listHistory(db, ticketId, options.after, options.limit + 1);
    const page = rows.slice(0, options.limit);
    const users = await loadUsers(db, page.map((row) => row.actorId));
    const entries = page.map((row) => {
      const from = readHistoryValue(row.fromValue);
      const to = readHistoryValue(row.toValue);
      return { row, from, to, references: referencesOf(row.field, from, to) };
    });
    const names = await namesOf(db, entries.flatMap((entry) => entry.references));
    const last = page[page.length - 1];
    return {
      items: entries.map(({ row, from, to, references }) => ({
        id: row.id,
        ticketId: row.ticketId,
        actor: row.actorId === null ? null : (users.get(row.actorId) ?? { id: row.actorId, name: 'Unknown user', email: null }),
        field: row.field,
        from,
        to,
        names: Object.fromEntries(references.flatMap((key) => (names.has(key) ? [[key, names.get(key)!]] : []))),
        reason: row.reason,
        createdAt: row.createdAt,
      })),
      nextCursor: rows.length > options.limit && last ? String(last.id) : null,
    };
  }

  /** Links to tickets the actor cannot see are left out: their existence is not ours to tell. */
  async function links(actor: Actor, ticketId: number) {
    await visible(actor, ticketId);
    const scope = ticketScope(actor);
    const rows = await conversation.listLinks(db, ticketId);
    return {
      items: rows
        .filter((row) => canSeeTicket(scope, { requesterId: row.requesterId, organizationId: row.organizationId, teamId: row.teamId, assigneeId: row.assigneeId }))
        .map((row) => ({
          id: row.id,
          relation: relationFrom(row.kind, row.outgoing),
          ticket: { id: row.otherId, ref: row.ref, reference: formatReference(row.ref), subject: row.subject, status: row.status },
          createdAt: row.createdAt,
        })),
    };
  }

  async function addLink(actor: Actor, ticketId: number, relation: LinkRelation, otherId: number) {
    assertAgentMay(actor, 'tickets.update', 'link tickets');
    if (otherId === ticketId) throw new ValidationError('invalid_field', 'A ticket cannot be linked to itself.', { field: 'ticketId' });
    const now = nowIso(clock);
    const link = await inTransaction(db, async (tx) => {
      const self = await loadForChange(tx, database.dialect, ticketId, ticketScope(actor));
      const other = await findVisibleTicket(tx, otherId, ticketScope(actor));
      if (!other) throw new NotFoundError(`Ticket ${otherId} does not exist.`, { ticketId: otherId });
      const { kind, thisSideFirst } = storedAs[relation];
      const [from, to] = thisSideFirst ? [self, other] : [other, self];
      const existing =
        (await conversation.findLink(tx, from.id, to.id, kind)) ?? (kind === 'related' ? await conversation.findLink(tx, to.id, from.id, kind) : undefined);
      if (existing) throw new ConflictError('duplicate', `${formatReference(self.ref)} is already linked to ${formatReference(other.ref)} that way.`);
      const row = await conversation.insertLink(tx, { ticketId: from.id, linkedTicketId: to.id, kind, createdById: actor.userId, createdAt: now });
      await recordHistory(tx, self.id, [{ field: 'link', from: null, to: { relation, ticketId: other.id, ref: other.ref } }], actor.userId, now, null);
      await recordHistory(tx, other.id, [{ field: 'link', from: null, to: { relation: relationFrom(kind, !thisSideFirst), ticketId: self.id, ref: self.ref } }], actor.userId, now, null);
      return { id: row.id, relation, ticket: { id: other.id, ref: other.ref, reference: formatReference(other.ref), subject: other.subject, status: other.status }, createdAt: now };
    });
    return link;
  }

  async function removeLink(actor: Actor, ticketId: number, linkId: number): Promise<void> {
    assertAgentMay(actor, 'tickets.update', 'unlink tickets');
    const now = nowIso(clock);
    await inTransaction(db, async (tx) => {
      await loadForChange(tx, database.dialect, ticketId, ticketScope(actor));
      const link = await conversation.findLinkById(tx, linkId);
      if (!link || (link.ticketId !== ticketId && link.linkedTicketId !== ticketId)) throw new NotFoundError(`Ticket ${ticketId} has no link ${linkId}.`);
      await conversation.deleteLink(tx, linkId);
      const outgoing = link.ticketId === ticketId;
      const otherId = outgoing ? link.linkedTicketId : link.ticketId;
      await recordHistory(tx, ticketId, [{ field: 'link', from: { relation: relationFrom(link.kind, outgoing), ticketId: otherId }, to: null }], actor.userId, now, null);
      await recordHistory(tx, otherId, [{ field: 'link', from: { relation: relationFrom(link.kind, !outgoing), ticketId }, to: null }], actor.userId, now, null);
    });
  }

  async function timeEntries(actor: Actor, ticketId: number) {
    await visible(actor, ticketId);
    const rows = await conversation.listTimeEntries(db, ticketId);
    const users = await loadUsers(db, rows.map((row) => row.agentId));
    return {
      items: rows.map((row) => ({ ...row, agent: users.get(row.agentId) ?? { id: row.agentId, name: 'Unknown user', email: null } })).map(({ agentId: _agentId, ...rest }) => rest),
    };
  }

  async function addTimeEntry(actor: Actor, ticketId: number, body: { minutes: number; note: string; workedAt?: string | undefined }) {
    assertAgentMay(actor, 'tickets.update', 'track time on tickets');
    const now = nowIso(clock);
    const row = await inTransaction(db, async (tx) => {
      await loadForChange(tx, database.dialect, ticketId, ticketScope(actor));
      const entry = await conversation.insertTimeEntry(tx, {
        ticketId,
        agentId: actor.userId,
        minutes: body.minutes,
        note: body.note,
        workedAt: body.workedAt ? new Date(body.workedAt).toISOString() : now,
        createdAt: now,
      });
      await recordHistory(tx, ticketId, [{ field: 'timeEntry', from: null, to: { id: entry.id, minutes: entry.minutes } }], actor.userId, now, null);
      return entry;
    });
    const users = await loadUsers(db, [row.agentId]);
    const { agentId, ...rest } = row;
    return { ...rest, agent: users.get(agentId)! };
  }

  /**
   * Merges `sourceId` into `targetId`: the source's conversation moves to the target, the source is
   * closed (whatever its status: a merge is not a hand-made transition) and marked a duplicate of it.
   */
  async function merge(actor: Actor, sourceId: number, targetId: number, version: number | undefined): Promise<{ source: Ticket; target: Ticket; movedMessages: number }> {
    assertAgentMay(actor, 'tickets.bulk', 'merge tickets');
    if (sourceId === targetId) throw new ValidationError('invalid_field', 'A ticket cannot be merged into itself.', { field: 'targetId' });
    const now = nowIso(clock);
    const matrix = await settings.priorityMatrix();
    const result = await inTransaction(db, async (tx) => {
      // Lock in id order so two opposite merges cannot deadlock.
      const [first, second] = sourceId < targetId ? [sourceId, targetId] : [targetId, sourceId];
      const a = await loadForChange(tx, database.dialect, first, ticketScope(actor));
      const b = await loadForChange(tx, database.dialect, second, ticketScope(actor));
      const source = a.id === sourceId ? a : b;
      const target = a.id === targetId ? a : b;
      if (version !== undefined && source.version !== version) throw await staleVersionError(tx, source, version);
      if (source.status === 'closed') throw new ConflictError('invalid_transition', `Ticket ${formatReference(source.ref)} is already closed and cannot be merged.`, { from: 'closed', allowed: [] });
      if (target.status === 'closed') throw new ConflictError('invalid_transition', `Ticket ${formatReference(target.ref)} is closed; merge into an open ticket.`, { from: 'closed', allowed: [] });
      const moved = await conversation.moveConversation(tx, source.id, target.id);
      const reason = `merged into ${formatReference(target.ref)}`;
      const plan = await planTicketChanges({ tx, matrix, customFields: [], actor: 'agent', now, systemStatusChange: true }, source, { status: 'closed' });
      plan.set.mergedIntoId = target.id;
      plan.changes.push({ field: 'mergedIntoId', from: null, to: target.id });
      const closedSource = await commitPlan(tx, source, plan, actor.userId, now, reason);
      await conversation.insertLink(tx, { ticketId: source.id, linkedTicketId: target.id, kind: 'duplicate_of', createdById: actor.userId, createdAt: now });
      await recordHistory(tx, source.id, [{ field: 'link', from: null, to: { relation: 'duplicate_of', ticketId: target.id, ref: target.ref } }], actor.userId, now, reason);
      // The source's requester follows the merged conversation as a watcher.
      const watchers = parseJson<number[]>(target.watcherIds);
      const targetChanges = source.requesterId !== target.requesterId && !watchers.includes(source.requesterId) ? { watcherIds: [...watchers, source.requesterId] } : {};
      const targetPlan = await planTicketChanges({ tx, matrix, customFields: [], actor: 'agent', now, systemStatusChange: true }, target, targetChanges);
      targetPlan.changes.push({ field: 'merged', from: null, to: { ticketId: source.id, ref: source.ref, messages: moved } });
      targetPlan.set.updatedAt = now;
      const updatedTarget = await commitPlan(tx, target, targetPlan, actor.userId, now, `${formatReference(source.ref)} merged into this ticket`);
      const pending: PendingEvent[] = [
        ticketUpdatedEvent(source, closedSource, plan.changes, actor.userId),
        ticketUpdatedEvent(target, updatedTarget, targetPlan.changes, actor.userId),
      ];
      return { closedSource, updatedTarget, moved, pending };
    });
    await publishAll(events, now, result.pending);
    return { source: await deps.presentTicket(result.closedSource), target: await deps.presentTicket(result.updatedTarget), movedMessages: result.moved };
  }

  return { history, links, addLink, removeLink, timeEntries, addTimeEntry, merge };
}

export type TicketRelationsService = ReturnType<typeof createTicketRelationsService>;
