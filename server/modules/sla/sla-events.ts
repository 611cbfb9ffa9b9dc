/**
 * What the SLA module tells the rest of the desk when it changes a ticket or one of its clocks fires: a
 * `ticket.updated` shaped like the tickets module's own (the ticket's visibility before and after, status,
 * priority, version and the changes), so open desks and lists refresh live and the event stream decides who may
 * see it from the payload alone.
 */
import type { SlaMetric } from '../../../shared/schemas/sla.js';
import type { DomainEvent } from '../../platform/events/event-bus.js';
import type { TicketFacts } from './sla.repository.js';

export interface SlaTicketChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The ticket fields escalation may change, as history-style changes. */
export function escalationChanges(before: TicketFacts, after: TicketFacts): SlaTicketChange[] {
  const fields = ['teamId', 'tier', 'priority', 'assigneeId'] as const;
  return fields.filter((field) => before[field] !== after[field]).map((field) => ({ field, from: before[field], to: after[field] }));
}

/** A clock that fired, as a change the desk can show ("first response breached"). */
export function clockFiredChange(metric: SlaMetric, trigger: 'warning' | 'breach'): SlaTicketChange {
  return { field: 'sla', from: null, to: { metric, status: trigger === 'breach' ? 'breached' : 'warning' } };
}

export function slaTicketUpdatedEvent(before: TicketFacts, after: TicketFacts, changes: readonly SlaTicketChange[], actorId: number | null, at: string): DomainEvent {
  return {
    type: 'ticket.updated',
    occurredAt: at,
    actorId,
    payload: {
      ticketId: after.id,
      ref: after.ref,
      requesterId: after.requesterId,
      organizationId: after.organizationId,
      teamId: after.teamId,
      assigneeId: after.assigneeId,
      previous: { teamId: before.teamId, assigneeId: before.assigneeId, requesterId: before.requesterId, organizationId: before.organizationId },
      status: after.status,
      priority: after.priority,
      version: after.version,
      changes: [...changes],
    },
  };
}
