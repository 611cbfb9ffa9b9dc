import type { LiveEvent, Presence } from '../../../shared/schemas/ticket-extras.js';
import type { DomainEvent } from '../../platform/events/event-bus.js';
import { canSeeTicket, type TicketScope } from '../identity/index.js';
import { formatReference } from './tickets.presenter.js';

/**
 * Which domain events reach which stream, and what they say there. Decided from the event's own
 * payload (the tickets module puts the ticket's visibility facts in every ticket event), so fanning
 * one event out to thousands of streams costs no query.
 */

export interface Viewer {
  userId: number;
  scope: TicketScope;
}

interface Facts {
  ticketId: number;
  ref?: number;
  requesterId: number;
  organizationId: number | null;
  teamId: number | null;
  assigneeId: number | null;
}

function factsOf(value: unknown): Facts | undefined {
  const v = value as Partial<Facts> | undefined;
  if (!v || typeof v.ticketId !== 'number' || typeof v.requesterId !== 'number') return undefined;
  return { ticketId: v.ticketId, ref: v.ref, requesterId: v.requesterId, organizationId: v.organizationId ?? null, teamId: v.teamId ?? null, assigneeId: v.assigneeId ?? null } as Facts;
}

function ticketOf(payload: Record<string, unknown>, facts: Facts, visible: boolean): NonNullable<LiveEvent['ticket']> {
  if (!visible) return { id: facts.ticketId, visible: false };
  const pick = <T>(key: string, check: (v: unknown) => boolean) => (check(payload[key]) ? { [key]: payload[key] as T } : {});
  return {
    id: facts.ticketId,
    ...(facts.ref === undefined ? {} : { ref: facts.ref, reference: formatReference(facts.ref) }),
    ...pick<string>('subject', (v) => typeof v === 'string'),
    ...pick<string>('status', (v) => typeof v === 'string'),
    ...pick<string>('priority', (v) => typeof v === 'string'),
    ...pick<number>('version', (v) => typeof v === 'number'),
    teamId: facts.teamId,
    assigneeId: facts.assigneeId,
    requesterId: facts.requesterId,
    visible: true,
  } as NonNullable<LiveEvent['ticket']>;
}

/** The audience of one event: a function from viewer to what they receive (undefined: nothing). */
export type Audience = (viewer: Viewer) => LiveEvent | undefined;

export function audienceOf(event: DomainEvent): Audience | undefined {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const base = { type: event.type, occurredAt: event.occurredAt, actorId: event.actorId };

  if (event.type === 'presence.changed') {
    const facts = factsOf(payload);
    const presence = payload.presence as Presence | undefined;
    if (!facts || !presence) return undefined;
    // Presence is desk talk: never to requesters, never back to the person it is about.
    return (viewer) =>
      viewer.scope.seesInternalNotes && viewer.userId !== presence.userId && canSeeTicket(viewer.scope, facts) ? { ...base, presence } : undefined;
  }

  const facts = factsOf(payload);
  if (!facts) return undefined;

  if (event.type === 'message.created') {
    const internal = payload.internal !== false; // unknown means internal: fail closed
    const message = {
      id: Number(payload.messageId),
      ticketId: facts.ticketId,
      kind: String(payload.kind ?? 'message'),
      internal,
      authorId: typeof payload.authorId === 'number' ? payload.authorId : null,
    };
    return (viewer) => {
      if (!canSeeTicket(viewer.scope, facts)) return undefined;
      if (internal && !viewer.scope.seesInternalNotes) return undefined;
      return { ...base, ticket: ticketOf(payload, facts, true), message };
    };
  }

  if (event.type === 'ticket.created' || event.type === 'ticket.updated' || event.type === 'ticket.merged') {
    const previous = event.type === 'ticket.updated' ? factsOf({ ...(payload.previous as object), ticketId: facts.ticketId }) : undefined;
    return (viewer) => {
      if (canSeeTicket(viewer.scope, facts)) return { ...base, ticket: ticketOf(payload, facts, true) };
      // Someone who just lost sight of the ticket learns only that: its id, so the list can drop it.
      if (previous && canSeeTicket(viewer.scope, previous)) return { ...base, ticket: ticketOf(payload, facts, false) };
      return undefined;
    };
  }
  return undefined;
}
