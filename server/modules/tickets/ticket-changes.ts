import type { Updateable } from 'kysely';
import { priorityRank, resolvePriority, type PriorityMatrix } from '../../../shared/priority-matrix.js';
import type { CustomField, Impact, Priority, TicketStatus, TicketType, Urgency } from '../../../shared/schemas/tickets.js';
import { allowedTransitions, canTransition, statusChangeEffects, type TransitionActor } from '../../../shared/ticket-status.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { worksTickets } from '../identity/index.js';
import { assertRequiredFields, mergeCustomFieldValues, validateCustomFieldValues, type CustomFieldValues } from './custom-field-rules.js';
import type { TicketRow } from './tickets.presenter.js';
import { findCategory, findTeam, loadUserFacts, type UserFacts } from './tickets.repository.js';
import type { TicketsTable } from './tickets.tables.js';

/** A change to a ticket's fields, from a PATCH, a bulk edit, a reply or the system. */
export interface TicketChanges {
  subject?: string;
  status?: TicketStatus;
  type?: TicketType;
  impact?: Impact;
  urgency?: Urgency;
  priority?: Priority | null;
  categoryId?: number | null;
  teamId?: number | null;
  assigneeId?: number | null;
  tier?: number;
  requesterId?: number;
  tags?: string[];
  customFields?: CustomFieldValues;
  watcherIds?: number[];
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface ChangePlan {
  set: Updateable<TicketsTable>;
  changes: FieldChange[];
  tags: { before: string[]; after: string[] } | undefined;
  watchers: { before: number[]; after: number[] } | undefined;
}

export interface PlanContext {
  tx: Executor;
  matrix: PriorityMatrix;
  customFields: readonly CustomField[];
  actor: TransitionActor;
  now: string;
  /** Merge and auto-close move status outside the hand-made transitions. */
  systemStatusChange?: boolean;
}

/** A ticket goes only to an active person whose role works tickets (a new ticket, a change, a bulk edit). */
export function assertAssignable(facts: ReadonlyMap<number, UserFacts>, assigneeId: number): void {
  const assignee = facts.get(assigneeId);
  if (!assignee || !assignee.isActive || !worksTickets(assignee.permissions)) {
    throw new ValidationError('invalid_field', `User ${assigneeId} is not an active agent and cannot be assigned.`, { field: 'assigneeId' });
  }
}

/** Checks that the people, team and category a change names exist and fit their role. */
async function validateReferences(tx: Executor, changes: TicketChanges): Promise<{ teamTier: number | undefined; requesterOrganizationId: number | null | undefined }> {
  const people = [
    ...(changes.assigneeId ? [changes.assigneeId] : []),
    ...(changes.requesterId ? [changes.requesterId] : []),
    ...(changes.watcherIds ?? []),
  ];
  const facts = await loadUserFacts(tx, people);
  if (changes.assigneeId) assertAssignable(facts, changes.assigneeId);
  let requesterOrganizationId: number | null | undefined;
  if (changes.requesterId) {
    const requester = facts.get(changes.requesterId);
    if (!requester || !requester.isActive) throw new ValidationError('invalid_field', `There is no active user ${changes.requesterId}.`, { field: 'requesterId' });
    requesterOrganizationId = requester.organizationId;
  }
  for (const watcherId of changes.watcherIds ?? []) {
    if (!facts.get(watcherId)?.isActive) throw new ValidationError('invalid_field', `There is no active user ${watcherId} to add as a watcher.`, { field: 'watcherIds' });
  }
  let teamTier: number | undefined;
  if (changes.teamId) {
    const team = await findTeam(tx, changes.teamId);
    if (!team || !team.isActive) throw new ValidationError('invalid_field', `There is no active team ${changes.teamId}.`, { field: 'teamId' });
    teamTier = team.tier;
  }
  if (changes.categoryId) {
    const category = await findCategory(tx, changes.categoryId);
    if (!category || !category.isActive) throw new ValidationError('invalid_field', `There is no active category ${changes.categoryId}.`, { field: 'categoryId' });
  }
  return { teamTier, requesterOrganizationId };
}

const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((v) => b.includes(v));

/**
 * Works out what a change really changes: validates it, applies the status machine and the priority
 * matrix, and lists each field's from → to for the history. Writes nothing.
 */
export async function planTicketChanges(context: PlanContext, row: TicketRow, changes: TicketChanges): Promise<ChangePlan> {
  const { teamTier, requesterOrganizationId } = await validateReferences(context.tx, changes);
  const set: Updateable<TicketsTable> = {};
  const fieldChanges: FieldChange[] = [];
  const record = <K extends keyof TicketsTable & keyof TicketRow>(field: K, to: TicketRow[K]) => {
    if (row[field] === to) return;
    (set as Record<string, unknown>)[field] = to;
    fieldChanges.push({ field, from: row[field], to });
  };

  if (changes.subject !== undefined) record('subject', changes.subject);
  if (changes.type !== undefined) record('type', changes.type);
  if (changes.categoryId !== undefined) record('categoryId', changes.categoryId);
  if (changes.teamId !== undefined) record('teamId', changes.teamId);
  if (changes.assigneeId !== undefined) record('assigneeId', changes.assigneeId);
  // Moving to another team puts the ticket at that team's tier unless a tier is named.
  const tier = changes.tier ?? (changes.teamId !== undefined && changes.teamId !== row.teamId ? teamTier : undefined);
  if (tier !== undefined) record('tier', tier);
  if (changes.requesterId !== undefined) {
    record('requesterId', changes.requesterId);
    if (requesterOrganizationId !== undefined) record('organizationId', requesterOrganizationId);
  }

  if (changes.impact !== undefined || changes.urgency !== undefined || changes.priority !== undefined) {
    const next = resolvePriority(
      context.matrix,
      { impact: row.impact, urgency: row.urgency, priority: row.priority, overridden: Boolean(row.priorityOverridden) },
      { ...(changes.impact ? { impact: changes.impact } : {}), ...(changes.urgency ? { urgency: changes.urgency } : {}), ...(changes.priority !== undefined ? { priority: changes.priority } : {}) },
    );
    record('impact', next.impact);
    record('urgency', next.urgency);
    record('priority', next.priority);
    if (next.priority !== row.priority) set.priorityRank = priorityRank(next.priority);
    if (next.overridden !== Boolean(row.priorityOverridden)) {
      set.priorityOverridden = next.overridden;
      fieldChanges.push({ field: 'priorityOverridden', from: Boolean(row.priorityOverridden), to: next.overridden });
    }
  }

  const status = changes.status ?? row.status;
  if (changes.status !== undefined && changes.status !== row.status) {
    if (!context.systemStatusChange && !canTransition(row.status, changes.status, context.actor)) {
      const allowed = allowedTransitions(row.status, context.actor);
      throw new ConflictError('invalid_transition', `A ticket cannot go from ${row.status} to ${changes.status}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ' (closed is final)'}.`, {
        from: row.status,
        to: changes.status,
        allowed,
      });
    }
    record('status', changes.status);
    const effects = statusChangeEffects(row.status, changes.status, context.now);
    if (effects.resolvedAt !== undefined) record('resolvedAt', effects.resolvedAt);
    if (effects.closedAt !== undefined) record('closedAt', effects.closedAt);
    if (effects.reopened) record('reopenCount', row.reopenCount + 1);
  }

  const currentValues = parseJson<CustomFieldValues>(row.customFields);
  let values = currentValues;
  if (changes.customFields !== undefined) {
    validateCustomFieldValues(context.customFields, changes.customFields);
    values = mergeCustomFieldValues(currentValues, changes.customFields);
    for (const key of new Set([...Object.keys(currentValues), ...Object.keys(values)])) {
      if (JSON.stringify(currentValues[key] ?? null) !== JSON.stringify(values[key] ?? null)) {
        fieldChanges.push({ field: `customFields.${key}`, from: currentValues[key] ?? null, to: values[key] ?? null });
      }
    }
    if (JSON.stringify(values) !== JSON.stringify(currentValues)) set.customFields = JSON.stringify(values);
  }
  // Required fields are checked when the status moves or the values change, so old tickets stay editable.
  if (!context.systemStatusChange && (set.status !== undefined || set.customFields !== undefined)) {
    assertRequiredFields(context.customFields, values, status);
  }

  let tags: ChangePlan['tags'];
  if (changes.tags !== undefined) {
    const before = parseJson<string[]>(row.tags);
    const after = [...new Set(changes.tags)];
    if (!sameSet(before, after)) {
      tags = { before, after };
      set.tags = JSON.stringify(after);
      fieldChanges.push({ field: 'tags', from: before, to: after });
    }
  }
  let watchers: ChangePlan['watchers'];
  if (changes.watcherIds !== undefined) {
    const before = parseJson<number[]>(row.watcherIds);
    const after = [...new Set(changes.watcherIds)];
    if (!sameSet(before, after)) {
      watchers = { before, after };
      set.watcherIds = JSON.stringify(after);
      fieldChanges.push({ field: 'watcherIds', from: before, to: after });
    }
  }

  if (fieldChanges.length > 0) set.updatedAt = context.now;
  return { set, changes: fieldChanges, tags, watchers };
}
