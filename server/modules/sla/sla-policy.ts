/** Reading stored calendars and policies into the shapes the rules work with, and choosing a ticket's policy. */
import type { BusinessCalendar } from '../../../shared/business-time.js';
import type { Priority } from '../../../shared/priority-matrix.js';
import type { EscalationRule, SlaConditions, SlaMetric, SlaTarget } from '../../../shared/schemas/sla.js';
import type { TicketStatus } from '../../../shared/ticket-status.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { CalendarRow, PolicyRow } from './sla.repository.js';

export interface Policy {
  id: number;
  name: string;
  description: string;
  position: number;
  isActive: boolean;
  conditions: SlaConditions;
  targets: Partial<Record<Priority, SlaTarget>>;
  calendarId: number;
  pausingStatuses: TicketStatus[];
  warningPercent: number;
  escalations: EscalationRule[];
  createdAt: string;
  updatedAt: string;
}

export function readPolicy(row: PolicyRow): Policy {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    position: row.position,
    isActive: Boolean(row.isActive),
    conditions: parseJson<SlaConditions>(row.conditions),
    targets: parseJson<Partial<Record<Priority, SlaTarget>>>(row.targets),
    calendarId: row.calendarId,
    pausingStatuses: parseJson<TicketStatus[]>(row.pausingStatuses),
    warningPercent: row.warningPercent,
    escalations: parseJson<EscalationRule[]>(row.escalations),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface StoredCalendar extends BusinessCalendar {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export function readCalendar(row: NonNullable<CalendarRow>): StoredCalendar {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    // Wrapped in an object: a bare JSON string ("24x7") reads back ambiguously from jsonb.
    hours: parseJson<{ hours: BusinessCalendar['hours'] }>(row.hours).hours,
    holidays: parseJson<NonNullable<BusinessCalendar['holidays']>>(row.holidays),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the conditions look at. */
export interface TicketAttributes {
  priority: Priority;
  type: string;
  categoryId: number | null;
  organizationId: number | null;
  teamId: number | null;
  channel: string;
}

function allows<T>(list: readonly T[] | undefined, value: T | null): boolean {
  return list === undefined || list.length === 0 || (value !== null && list.includes(value));
}

/** Ordered evaluation: the first active policy whose every condition holds. */
export function matchPolicy(policies: readonly Policy[], ticket: TicketAttributes): Policy | null {
  for (const policy of policies) {
    if (!policy.isActive) continue;
    const c = policy.conditions;
    if (
      allows(c.priorities, ticket.priority) &&
      allows(c.types as readonly string[] | undefined, ticket.type) &&
      allows(c.categoryIds, ticket.categoryId) &&
      allows(c.organizationIds, ticket.organizationId) &&
      allows(c.teamIds, ticket.teamId) &&
      allows(c.channels as readonly string[] | undefined, ticket.channel)
    ) {
      return policy;
    }
  }
  return null;
}

const targetField: Record<SlaMetric, keyof SlaTarget> = {
  first_response: 'firstResponseMinutes',
  next_response: 'nextResponseMinutes',
  resolution: 'resolutionMinutes',
};

/** The target of one metric for a priority, in ms; null when the policy sets none. */
export function targetMs(policy: Policy, priority: Priority, metric: SlaMetric): number | null {
  const minutes = policy.targets[priority]?.[targetField[metric]];
  return minutes === null || minutes === undefined ? null : minutes * 60_000;
}
