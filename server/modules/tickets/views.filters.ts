import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { TicketViewFilters } from '../../../shared/schemas/ticket-extras.js';
import type { Dialect } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { ticketMatchesText } from './search.conditions.js';

export type TicketCondition = (eb: ExpressionBuilder<Database, 'tickets'>) => Expression<SqlBool>;

export interface FilterContext {
  dialect: Dialect;
  /** Resolves assigneeId=me, so a shared view shows each person their own tickets. */
  actorId: number;
  seesInternalNotes: boolean;
  /** The instant "due within N minutes" counts from (the injected clock's now). */
  now: Date;
}

type ListColumn = 'status' | 'priority' | 'teamId' | 'categoryId' | 'requesterId' | 'organizationId' | 'channel' | 'type';

/**
 * The ticket filters as WHERE conditions on `tickets`: one function for the ticket list, saved views (their
 * rows and counts) and search, so the three always agree. Each filter narrows on an indexed column; several
 * values of one filter mean "any of", different filters mean "all of".
 */
export function ticketFilterConditions(filters: TicketViewFilters, context: FilterContext): TicketCondition[] {
  const conditions: TicketCondition[] = [];
  const inList = (column: ListColumn, values: readonly unknown[] | undefined) => {
    if (!values || values.length === 0) return;
    conditions.push((eb) => (values.length === 1 ? eb(`tickets.${column}`, '=', values[0] as never) : eb(`tickets.${column}`, 'in', values as never)));
  };
  inList('status', filters.status);
  inList('priority', filters.priority);
  inList('teamId', filters.teamId);
  inList('categoryId', filters.categoryId);
  inList('requesterId', filters.requesterId);
  inList('organizationId', filters.organizationId);
  inList('channel', filters.channel);
  inList('type', filters.type);
  if (filters.assigneeId && filters.assigneeId.length > 0) {
    const ids = filters.assigneeId.filter((a) => a !== 'unassigned').map((a) => (a === 'me' ? context.actorId : a));
    const unassigned = filters.assigneeId.includes('unassigned');
    conditions.push((eb) => {
      const parts: Expression<SqlBool>[] = [];
      if (ids.length > 0) parts.push(ids.length === 1 ? eb('tickets.assigneeId', '=', ids[0]!) : eb('tickets.assigneeId', 'in', ids));
      if (unassigned) parts.push(eb('tickets.assigneeId', 'is', null));
      return parts.length === 1 ? parts[0]! : eb.or(parts);
    });
  }
  for (const tag of filters.tags ?? []) {
    conditions.push((eb) =>
      eb.exists(
        eb.selectFrom('ticketTags').select('ticketTags.ticketId').whereRef('ticketTags.ticketId', '=', 'tickets.id').where('ticketTags.tag', '=', tag),
      ),
    );
  }
  // Instants are compared as UTC ISO strings (text on SQLite), so offsets are normalised first.
  const range = (column: 'createdAt' | 'updatedAt', from: string | undefined, to: string | undefined) => {
    if (from) conditions.push((eb) => eb(`tickets.${column}`, '>=', new Date(from).toISOString()));
    if (to) conditions.push((eb) => eb(`tickets.${column}`, '<', new Date(to).toISOString()));
  };
  range('createdAt', filters.createdFrom, filters.createdTo);
  range('updatedAt', filters.updatedFrom, filters.updatedTo);
  if (filters.dueWithinMinutes !== undefined) {
    // A running clock due by then, overdue ones included; tickets with no running clock hold the far-future
    // sentinel and never match. Reads (team | assignee | -, sla_due_at, id) as a range.
    const dueBy = new Date(context.now.getTime() + filters.dueWithinMinutes * 60_000).toISOString();
    conditions.push((eb) => eb('tickets.slaDueAt', '<=', dueBy));
  }
  if (filters.q) conditions.push(ticketMatchesText(context.dialect, filters.q, context.seesInternalNotes));
  return conditions;
}

/** The same conditions under the name search and saved views have used. */
export const viewFilterConditions = ticketFilterConditions;
