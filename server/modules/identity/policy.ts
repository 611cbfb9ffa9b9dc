import type { Actor } from './actor.js';

/**
 * Which tickets an actor may see (PRODUCT.md §1). The one place this rule lives: the tickets
 * repository turns it into SQL, search and the event stream apply the same scope.
 * - requester: their own, plus their organisation's where it allows members to see each other's;
 * - agent: tickets of their teams and those assigned to them;
 * - team lead: their teams' (and assigned to them);
 * - manager, admin (tickets.view_all): everything.
 * Internal notes follow from `seesInternalNotes`.
 */
export type TicketScope =
  | { kind: 'all'; seesInternalNotes: true }
  | { kind: 'teams'; teamIds: readonly number[]; assigneeId: number; seesInternalNotes: true }
  | { kind: 'requester'; requesterId: number; organizationId: number | null; seesInternalNotes: false }
  | { kind: 'none'; seesInternalNotes: false };

export function ticketScope(actor: Actor | null): TicketScope {
  if (!actor) return { kind: 'none', seesInternalNotes: false };
  if (actor.permissions.has('tickets.view_all')) return { kind: 'all', seesInternalNotes: true };
  if (actor.permissions.has('tickets.view')) {
    return { kind: 'teams', teamIds: actor.teamIds, assigneeId: actor.userId, seesInternalNotes: true };
  }
  if (actor.permissions.has('portal.use')) {
    return {
      kind: 'requester',
      requesterId: actor.userId,
      organizationId: actor.organizationSharesTickets ? actor.organizationId : null,
      seesInternalNotes: false,
    };
  }
  return { kind: 'none', seesInternalNotes: false };
}

/** The same rule for one ticket already loaded (events, attachments). */
export function canSeeTicket(
  scope: TicketScope,
  ticket: { requesterId: number; organizationId: number | null; teamId: number | null; assigneeId: number | null },
): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'teams':
      return (ticket.teamId !== null && scope.teamIds.includes(ticket.teamId)) || ticket.assigneeId === scope.assigneeId;
    case 'requester':
      return (
        ticket.requesterId === scope.requesterId ||
        (scope.organizationId !== null && ticket.organizationId === scope.organizationId)
      );
    case 'none':
      return false;
  }
}
