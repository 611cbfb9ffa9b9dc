/**
 * The service-level API contract: business calendars, SLA policies, the preview, manual escalation and the SLA
 * state shown on a ticket. Durations travel as whole minutes (what admins type); clocks report milliseconds.
 */
import { z } from 'zod';
import { validateBusinessCalendar, weekdays, type BusinessCalendar } from '../business-time.js';
import { priorities } from '../priority-matrix.js';
import { ticketStatuses } from '../ticket-status.js';
import { ticketChannels, ticketTypes } from './tickets.js';

export const slaMetrics = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];
/** running/paused: counting or stopped by a pausing status; met: answered or resolved; cancelled: no longer owed. */
export const slaClockStates = ['running', 'paused', 'met', 'cancelled'] as const;
export type SlaClockState = (typeof slaClockStates)[number];

const id = z.number().int().positive();
const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a wall time is HH:MM (00:00–24:00)');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

export const BusinessHoursRangeSchema = z.object({
  /** Opening wall time, HH:MM. */
  start: wallTime,
  /** Closing wall time; at or before start means the next morning (22:00–06:00); 24:00 is midnight. */
  end: wallTime,
});

export const HolidaySchema = z.object({
  date: localDate,
  /** Closed on this month and day every year. */
  recurring: z.boolean().default(false),
  name: z.string().trim().max(200).optional(),
});

export const WeeklyHoursSchema = z.partialRecord(z.enum(weekdays), z.array(BusinessHoursRangeSchema).max(12));

const calendarFields = {
  name: z.string().trim().min(1).max(200),
  /** IANA time zone, e.g. Europe/London. */
  timeZone: z.string().min(1).max(100),
  /** '24x7' or ranges per weekday; a weekday left out is closed. */
  hours: z.union([z.literal('24x7'), WeeklyHoursSchema]),
  holidays: z.array(HolidaySchema).max(1000).default([]),
};

/** Runs the calendar through the arithmetic's own checks so an unusable calendar is refused at the edge. */
function checkCalendar(calendar: BusinessCalendar, context: z.RefinementCtx): void {
  try {
    validateBusinessCalendar(calendar);
  } catch (error) {
    context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
  }
}

export const BusinessCalendarInputSchema = z.object(calendarFields).superRefine((value, context) => checkCalendar(value, context));
export type BusinessCalendarInput = z.infer<typeof BusinessCalendarInputSchema>;

export const BusinessCalendarSchema = z.object({
  id,
  ...calendarFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BusinessCalendarDto = z.infer<typeof BusinessCalendarSchema>;

const minutes = z.number().int().min(1).max(525_600);
export const SlaTargetSchema = z.object({
  /** Business minutes to the first public agent reply; null = no target. */
  firstResponseMinutes: minutes.nullable().default(null),
  /** Business minutes to answer each later requester message. */
  nextResponseMinutes: minutes.nullable().default(null),
  /** Business minutes to resolve. */
  resolutionMinutes: minutes.nullable().default(null),
});
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

export const SlaConditionsSchema = z.object({
  /** Each list, when given, must contain the ticket's value; an empty object matches every ticket. */
  priorities: z.array(z.enum(priorities)).optional(),
  types: z.array(z.enum(ticketTypes)).optional(),
  categoryIds: z.array(id).optional(),
  organizationIds: z.array(id).optional(),
  teamIds: z.array(id).optional(),
  channels: z.array(z.enum(ticketChannels)).optional(),
});
export type SlaConditions = z.infer<typeof SlaConditionsSchema>;

export const escalationActionTypes = ['notify_team_lead', 'notify_manager', 'move_to_tier', 'raise_priority', 'reassign'] as const;
export const EscalationActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notify_team_lead') }),
  z.object({ type: z.literal('notify_manager') }),
  /** Functional escalation: to the given team, or the first active team of that tier. */
  z.object({ type: z.literal('move_to_tier'), tier: z.number().int().min(1).max(9), teamId: id.optional() }),
  /** One step: low → normal → high → urgent. */
  z.object({ type: z.literal('raise_priority') }),
  /** To an agent, or back to the team queue with null. */
  z.object({ type: z.literal('reassign'), assigneeId: id.nullable() }),
]);
export type EscalationAction = z.infer<typeof EscalationActionSchema>;

export const EscalationRuleSchema = z.object({
  trigger: z.enum(['warning', 'breach']),
  /** Only for this metric; all metrics when left out. */
  metric: z.enum(slaMetrics).optional(),
  actions: z.array(EscalationActionSchema).min(1).max(10),
});
export type EscalationRule = z.infer<typeof EscalationRuleSchema>;

const policyFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  isActive: z.boolean().default(true),
  conditions: SlaConditionsSchema.default({}),
  /** Targets per ticket priority; a priority left out has no targets under this policy. */
  targets: z.partialRecord(z.enum(priorities), SlaTargetSchema),
  calendarId: id,
  /** Statuses that stop the clocks. */
  pausingStatuses: z.array(z.enum(ticketStatuses)).default(['pending', 'on_hold']),
  /** Warn when this share of a target is spent (percent). */
  warningPercent: z.number().int().min(1).max(99).default(75),
  escalations: z.array(EscalationRuleSchema).max(20).default([]),
};

export const SlaPolicyInputSchema = z.object({
  ...policyFields,
  /** 0-based place in the order (first match wins); appended when left out. */
  position: z.number().int().min(0).optional(),
});
export type SlaPolicyInput = z.infer<typeof SlaPolicyInputSchema>;

export const SlaPolicySchema = z.object({ id, position: z.number().int(), ...policyFields, createdAt: z.string(), updatedAt: z.string() });
export type SlaPolicyDto = z.infer<typeof SlaPolicySchema>;

export const SlaPolicyOrderSchema = z.object({ policyIds: z.array(id).min(1) });

export const SlaPreviewInputSchema = z.object({
  priority: z.enum(priorities),
  type: z.enum(ticketTypes).default('incident'),
  categoryId: id.nullable().default(null),
  organizationId: id.nullable().default(null),
  teamId: id.nullable().default(null),
  channel: z.enum(ticketChannels).default('portal'),
  /** Created at (ISO-8601); default now. */
  createdAt: z.iso.datetime({ offset: true }).optional(),
});

export const SlaPreviewSchema = z.object({
  policy: z.object({ id, name: z.string() }).nullable(),
  createdAt: z.string(),
  firstResponseDueAt: z.string().nullable(),
  nextResponseMinutes: z.number().nullable(),
  resolutionDueAt: z.string().nullable(),
});

export const SlaClockSchema = z.object({
  metric: z.enum(slaMetrics),
  state: z.enum(slaClockStates),
  targetMs: z.number(),
  /** Business time counted so far. */
  spentMs: z.number(),
  /** target − spent; negative when overdue. */
  remainingMs: z.number(),
  /** Null while paused or stopped. */
  dueAt: z.string().nullable(),
  startedAt: z.string(),
  warnedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  metAt: z.string().nullable(),
  /** ok, warning, breached, paused, met — what the desk colours by. */
  status: z.enum(['ok', 'warning', 'breached', 'paused', 'met', 'cancelled']),
});
export type SlaClockDto = z.infer<typeof SlaClockSchema>;

export const TicketSlaSchema = z.object({
  ticketId: id,
  policy: z.object({ id, name: z.string() }).nullable(),
  calendarId: id.nullable(),
  clocks: z.array(SlaClockSchema),
  /** Earliest due time of a running clock, for "breaching in the next hour". */
  nextDueAt: z.string().nullable(),
  escalationCount: z.number(),
});
export type TicketSlaDto = z.infer<typeof TicketSlaSchema>;

export const ManualEscalationSchema = z.object({
  tier: z.number().int().min(2).max(9),
  /** Why: required, written to the ticket's history. */
  reason: z.string().trim().min(3).max(2000),
  /** A specific team of that tier; default the first active one. */
  teamId: id.optional(),
});
