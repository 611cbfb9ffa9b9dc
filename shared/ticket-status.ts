/**
 * The ticket status machine (PRODUCT.md §2): new → open → pending | on_hold → resolved → closed.
 * Pure rules, shared by the server (which enforces them) and the browser (which offers only the
 * allowed moves). Nothing here reads the clock or the database: callers pass what is needed.
 */
export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Statuses in which work is still to be done (the backlog). */
export const activeStatuses: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

/** Moves a person may make by hand. Closed is final: a reply to it opens a new ticket instead. */
const agentTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  // Solving on first contact goes straight from new to resolved.
  new: ['open', 'pending', 'on_hold', 'resolved'],
  open: ['pending', 'on_hold', 'resolved'],
  pending: ['open', 'on_hold', 'resolved'],
  on_hold: ['open', 'pending', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

/** A requester may only confirm "this solved my problem" or reopen a resolved ticket. */
const requesterTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['resolved'],
  open: ['resolved'],
  pending: ['resolved'],
  on_hold: ['resolved'],
  resolved: ['open'],
  closed: [],
};

export type TransitionActor = 'agent' | 'requester';

export function allowedTransitions(from: TicketStatus, actor: TransitionActor = 'agent'): readonly TicketStatus[] {
  return (actor === 'agent' ? agentTransitions : requesterTransitions)[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus, actor: TransitionActor = 'agent'): boolean {
  return allowedTransitions(from, actor).includes(to);
}

/**
 * Order used by "required from status X on": pending and on hold are side by side (both wait on
 * someone else), so a field required from pending is also required on hold.
 */
const statusStage: Record<TicketStatus, number> = { new: 0, open: 1, pending: 2, on_hold: 2, resolved: 3, closed: 4 };

export function isAtOrBeyond(status: TicketStatus, threshold: TicketStatus): boolean {
  return statusStage[status] >= statusStage[threshold];
}

/** Timestamps that follow a status change; `reopened` when a resolved ticket goes back to work. */
export interface StatusEffects {
  resolvedAt?: string | null;
  closedAt?: string | null;
  reopened: boolean;
}

export function statusChangeEffects(from: TicketStatus, to: TicketStatus, nowIso: string): StatusEffects {
  const effects: StatusEffects = { reopened: false };
  if (to === 'resolved') effects.resolvedAt = nowIso;
  if (to === 'closed') effects.closedAt = nowIso;
  if (from === 'resolved' && to !== 'closed') {
    effects.resolvedAt = null;
    effects.reopened = true;
  }
  return effects;
}

/** What an agent's public reply does: the first one answers a new ticket and opens it. */
export function statusAfterAgentReply(status: TicketStatus): TicketStatus {
  return status === 'new' ? 'open' : status;
}

export type RequesterReplyOutcome =
  /** The message joins the ticket, which keeps its status. */
  | { kind: 'append' }
  /** The message joins the ticket and moves it (pending → open, or a reopen of a resolved ticket). */
  | { kind: 'transition'; to: TicketStatus; reopen: boolean }
  /** The ticket is finished: the message starts a new ticket linked to it. */
  | { kind: 'new_ticket' };

const dayMs = 24 * 60 * 60 * 1000;

/**
 * A requester's reply: pending → open; resolved → open within the reopen window (a reopen);
 * resolved past the window, or closed → a new ticket linked to the old one (closed is final).
 */
export function requesterReplyOutcome(
  ticket: { status: TicketStatus; resolvedAt: string | null },
  nowIso: string,
  reopenWindowDays: number,
): RequesterReplyOutcome {
  switch (ticket.status) {
    case 'pending':
      return { kind: 'transition', to: 'open', reopen: false };
    case 'resolved': {
      const resolvedAt = ticket.resolvedAt ? Date.parse(ticket.resolvedAt) : Date.parse(nowIso);
      const withinWindow = Date.parse(nowIso) - resolvedAt <= reopenWindowDays * dayMs;
      return withinWindow ? { kind: 'transition', to: 'open', reopen: true } : { kind: 'new_ticket' };
    }
    case 'closed':
      return { kind: 'new_ticket' };
    default:
      return { kind: 'append' };
  }
}

/** Resolved tickets close by themselves after `autoCloseDays` (the recurring job asks this). */
export function autoCloseThreshold(nowIso: string, autoCloseDays: number): string {
  return new Date(Date.parse(nowIso) - autoCloseDays * dayMs).toISOString();
}
