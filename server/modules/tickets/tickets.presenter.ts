import type { Selectable } from 'kysely';
import type { Message, MessageAttachment, Ticket, TicketSlaSummary, UserRef } from '../../../shared/schemas/tickets.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { TicketMessagesTable, TicketsTable } from './tickets.tables.js';

export type TicketRow = Selectable<TicketsTable>;
export type MessageRow = Selectable<TicketMessagesTable>;
export type UserDirectory = ReadonlyMap<number, UserRef>;

export function formatReference(ref: number): string {
  return `#${ref}`;
}

function userRef(users: UserDirectory, id: number | null): UserRef | null {
  if (id === null) return null;
  return users.get(id) ?? { id, name: 'Unknown user', email: null };
}

/**
 * Row → the ticket the API returns. `users` holds the requester and assignee (loaded per page); `sla` is the
 * ticket's most urgent SLA clock (loaded per page by the SLA module), null when no policy applies.
 */
export function presentTicket(row: TicketRow, users: UserDirectory, sla: TicketSlaSummary | null = null): Ticket {
  return {
    id: row.id,
    ref: row.ref,
    reference: formatReference(row.ref),
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    priorityOverridden: Boolean(row.priorityOverridden),
    impact: row.impact,
    urgency: row.urgency,
    channel: row.channel,
    type: row.type,
    requesterId: row.requesterId,
    requester: userRef(users, row.requesterId)!,
    organizationId: row.organizationId,
    categoryId: row.categoryId,
    teamId: row.teamId,
    assigneeId: row.assigneeId,
    assignee: userRef(users, row.assigneeId),
    tier: row.tier,
    tags: parseJson<string[]>(row.tags),
    customFields: parseJson<Ticket['customFields']>(row.customFields),
    watcherIds: parseJson<number[]>(row.watcherIds),
    mergedIntoId: row.mergedIntoId,
    version: row.version,
    reopenCount: row.reopenCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    sla,
  };
}

/** `attachments`: the files on this message (loaded per page). */
export function presentMessage(row: MessageRow, users: UserDirectory, attachments: readonly MessageAttachment[] = []): Message {
  return {
    id: row.id,
    ticketId: row.ticketId,
    kind: row.kind,
    internal: Boolean(row.isInternal),
    channel: row.channel,
    author: userRef(users, row.authorId),
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    attachments: [...attachments],
    createdAt: row.createdAt,
  };
}

/** What the event stream needs to decide who may see an event, without loading the ticket again. */
export function visibilityOf(row: TicketRow) {
  return {
    ticketId: row.id,
    ref: row.ref,
    requesterId: row.requesterId,
    organizationId: row.organizationId,
    teamId: row.teamId,
    assigneeId: row.assigneeId,
  };
}
