import type { SlaClockState, SlaMetric } from '../../../shared/schemas/sla.js';
import type { Generated } from 'kysely';
import type { DefaultedFlag, DefaultedJson, Id, Instant, Json } from '../../platform/db/column-types.js';

export interface BusinessCalendarsTable {
  id: Id;
  name: string;
  timeZone: string;
  /** JSON: { hours: "24x7" } or { hours: { monday: [{ start, end }], … } }. */
  hours: Json;
  /** JSON array of { date, recurring, name }. */
  holidays: DefaultedJson;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface SlaPoliciesTable {
  id: Id;
  name: string;
  description: Generated<string>;
  /** Order of evaluation: the first active policy whose conditions match wins. */
  position: number;
  isActive: DefaultedFlag;
  conditions: DefaultedJson;
  /** JSON: priority → { firstResponseMinutes, nextResponseMinutes, resolutionMinutes }. */
  targets: Json;
  calendarId: number;
  pausingStatuses: DefaultedJson;
  warningPercent: Generated<number>;
  escalations: DefaultedJson;
  createdAt: Instant;
  updatedAt: Instant;
}

/** One clock per ticket and metric; the next-response clock starts a new cycle at each requester message. */
export interface SlaClocksTable {
  id: Id;
  ticketId: number;
  metric: SlaMetric;
  policyId: number | null;
  calendarId: number;
  state: SlaClockState;
  targetMs: number;
  warningPercent: number;
  /** Business time counted before `runningSince`. */
  spentMs: number;
  /** Set while running: business time keeps accruing from here. */
  runningSince: Instant | null;
  startedAt: Instant;
  dueAt: Instant | null;
  warnAt: Instant | null;
  /** Earliest of a pending warning and a pending breach: the index the checker scans. */
  nextCheckAt: Instant | null;
  warnedAt: Instant | null;
  breachedAt: Instant | null;
  metAt: Instant | null;
  /** Compare-and-set guard: several instances may react to the same event. */
  version: Generated<number>;
  updatedAt: Instant;
}

export type EscalationKind = 'automatic' | 'manual';

export interface SlaEscalationsTable {
  id: Id;
  ticketId: number;
  kind: EscalationKind;
  metric: SlaMetric | null;
  trigger: 'warning' | 'breach' | null;
  actions: Json;
  reason: string;
  actorId: number | null;
  createdAt: Instant;
}

export interface SlaTables {
  businessCalendars: BusinessCalendarsTable;
  slaPolicies: SlaPoliciesTable;
  slaClocks: SlaClocksTable;
  slaEscalations: SlaEscalationsTable;
}
