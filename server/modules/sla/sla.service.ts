/**
 * SLA use cases: calendars and policies (admin), the preview, the per-ticket clocks (kept in step with ticket
 * events), the due-warning/breach checker and escalation. Side effects (domain events) run after commit.
 */
import { addBusinessTime, type BusinessCalendar } from '../../../shared/business-time.js';
import type { BusinessCalendarInput, EscalationRule, SlaMetric, SlaPolicyInput } from '../../../shared/schemas/sla.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { DomainEvent, EventBus } from '../../platform/events/event-bus.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { activeAgentIds, canSeeTicket, loadUser, recordAudit, ticketScope, type Actor, type AuditContext } from '../identity/index.js';
import { recordDue } from './sla-clock.js';
import { applyEscalationActions, recordEscalation } from './sla-escalation.js';
import { clockFiredChange, escalationChanges, slaTicketUpdatedEvent, type SlaTicketChange } from './sla-events.js';
import { matchPolicy, readCalendar, readPolicy, targetMs } from './sla-policy.js';
import { recomputeTicketsClocks, slaReference, syncTicketClocks } from './sla-sync.js';
import { presentCalendar, presentPolicy, presentTicketSla } from './sla.presenter.js';
import * as repository from './sla.repository.js';

export interface SlaLog {
  warn(details: object, message: string): void;
}

export type SlaService = ReturnType<typeof createSlaService>;

const clockEventTypes = new Set(['ticket.created', 'ticket.updated', 'message.created']);

/** The ticket a ticket or message event is about, or null for any other event. */
function ticketIdOf(event: DomainEvent): number | null {
  if (!clockEventTypes.has(event.type)) return null;
  const payload = (event.payload ?? {}) as { ticketId?: unknown; id?: unknown };
  const ticketId = Number(payload.ticketId ?? payload.id);
  return Number.isSafeInteger(ticketId) && ticketId > 0 ? ticketId : null;
}

const checkBatch = 500;
/** Tickets recomputed per transaction: large enough to amortise the queries, small enough to keep locks short. */
const recomputeChunk = 500;

export function createSlaService(deps: { database: Database; clock: Clock; events: EventBus; log: SlaLog }) {
  const { database, clock, events, log } = deps;
  const db = database.db;
  const lock = database.dialect === 'postgres';
  const now = () => clock.now().toISOString();

  async function calendarOrThrow(id: number) {
    const row = await repository.findCalendar(db, id);
    if (!row) throw new NotFoundError(`Business calendar ${id} does not exist`);
    return readCalendar(row);
  }

  async function policyOrThrow(id: number) {
    const row = await repository.findPolicy(db, id);
    if (!row) throw new NotFoundError(`SLA policy ${id} does not exist`);
    return readPolicy(row);
  }

  /** Reconciles one ticket's clocks, retrying when another instance moved them first. */
  async function syncTicket(ticketId: number, at: string, force = false): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(db, (tx) => syncTicketClocks(tx, ticketId, { at, force, lock }));
        return;
      } catch (error) {
        const racing = error instanceof repository.ClockRaceError || /unique|duplicate/i.test(String((error as Error).message));
        if (!racing || attempt >= 5) throw error;
      }
    }
  }

  /** Recomputes the clocks a policy or calendar edit may affect (and tickets a new policy may now cover). */
  async function recompute(where: { policyId?: number; calendarId?: number }, includeUncovered: boolean): Promise<void> {
    const at = now();
    const ticketIds = new Set(await repository.ticketsWithOpenClocks(db, where));
    if (includeUncovered) for (const id of await repository.openTicketsWithoutClocks(db)) ticketIds.add(id);
    const ordered = [...ticketIds].sort((a, b) => a - b);
    // Policies and calendars are read once for the whole run (the edit that asked for it has committed).
    const context = { ...(await slaReference(db)), postgres: database.dialect === 'postgres' };
    for (let index = 0; index < ordered.length; index += recomputeChunk) {
      const chunk = ordered.slice(index, index + recomputeChunk);
      let raced: number[];
      try {
        ({ raced } = await inTransaction(db, (tx) => recomputeTicketsClocks(tx, chunk, context, { at, force: true, lock })));
      } catch (error) {
        // A clock inserted meanwhile by a ticket's own sync rolls the chunk back; its tickets are then synced one by one.
        if (!/unique|duplicate/i.test(String((error as Error).message))) throw error;
        raced = chunk;
      }
      for (const ticketId of raced) await syncTicket(ticketId, at, true);
    }
  }

  /**
   * The agent a rule reassigns to and the team it moves to must be ones it could act on now, else the rule would
   * quietly do nothing when a clock breaches. (One deactivated later is skipped then, with a line in the history.)
   */
  async function assertEscalationTargets(rules: readonly EscalationRule[]): Promise<void> {
    const agents = await activeAgentIds(db, rules.flatMap((rule) => rule.actions.flatMap((action) => (action.type === 'reassign' && action.assigneeId !== null ? [action.assigneeId] : []))));
    for (const [ruleIndex, rule] of rules.entries()) {
      for (const [actionIndex, action] of rule.actions.entries()) {
        const field = `escalations.${ruleIndex}.actions.${actionIndex}`;
        if (action.type === 'reassign' && action.assigneeId !== null && !agents.has(action.assigneeId)) {
          const name = (await loadUser(db, action.assigneeId))?.name ?? `User ${action.assigneeId}`;
          throw new ValidationError('invalid_field', `Escalation rule ${ruleIndex + 1}: ${name} is not an active agent and cannot be assigned.`, { field: `${field}.assigneeId` });
        }
        if (action.type === 'move_to_tier' && action.teamId !== undefined && !(await repository.teamOfTier(db, action.tier, action.teamId))) {
          throw new ValidationError('invalid_field', `Escalation rule ${ruleIndex + 1}: there is no active team ${action.teamId} of tier ${action.tier}.`, { field: `${field}.teamId` });
        }
      }
    }
  }

  async function policyInput(input: SlaPolicyInput) {
    if (!(await repository.findCalendar(db, input.calendarId))) {
      throw new ValidationError('invalid_field', `Business calendar ${input.calendarId} does not exist`, { field: 'calendarId' });
    }
    await assertEscalationTargets(input.escalations);
    return {
      name: input.name,
      description: input.description,
      isActive: input.isActive,
      conditions: JSON.stringify(input.conditions),
      targets: JSON.stringify(input.targets),
      calendarId: input.calendarId,
      pausingStatuses: JSON.stringify(input.pausingStatuses),
      warningPercent: input.warningPercent,
      escalations: JSON.stringify(input.escalations),
    };
  }

  return {
    syncTicket,

    /**
     * Reacts to ticket.created, ticket.updated and message.created inside the change's transaction. The sync reads
     * the ticket as the whole change left it, so it runs for the first of the change's events about a ticket only.
     */
    async onTicketChange(tx: Executor, event: DomainEvent, change: readonly DomainEvent[]): Promise<void> {
      const ticketId = ticketIdOf(event);
      if (ticketId === null || change.find((other) => ticketIdOf(other) === ticketId) !== event) return;
      await syncTicketClocks(tx, ticketId, { at: event.occurredAt, lock });
    },

    // --- calendars ---------------------------------------------------------------------------------------------
    async listCalendars() {
      return (await repository.listCalendars(db)).map((row) => presentCalendar(readCalendar(row)));
    },
    async getCalendar(id: number) {
      return presentCalendar(await calendarOrThrow(id));
    },
    // Every change to calendars and policies is audited in the transaction that makes it.
    async createCalendar(input: BusinessCalendarInput, audit: AuditContext) {
      const at = now();
      const row = await inTransaction(db, async (tx) => {
        const created = await repository.insertCalendar(tx, { name: input.name, timeZone: input.timeZone, hours: JSON.stringify({ hours: input.hours }), holidays: JSON.stringify(input.holidays), createdAt: at, updatedAt: at });
        await recordAudit(tx, audit, { action: 'business_calendar.created', entityType: 'business_calendar', entityId: created.id, after: presentCalendar(readCalendar(created)) });
        return created;
      });
      return presentCalendar(readCalendar(row));
    },
    async updateCalendar(id: number, input: BusinessCalendarInput, audit: AuditContext) {
      const before = presentCalendar(await calendarOrThrow(id));
      // Bank the time spent under the old hours first: the new hours count only from now on.
      await recompute({ calendarId: id }, false);
      const row = await inTransaction(db, async (tx) => {
        const updated = await repository.updateCalendar(tx, id, { name: input.name, timeZone: input.timeZone, hours: JSON.stringify({ hours: input.hours }), holidays: JSON.stringify(input.holidays), updatedAt: now() });
        if (updated) await recordAudit(tx, audit, { action: 'business_calendar.updated', entityType: 'business_calendar', entityId: id, before, after: presentCalendar(readCalendar(updated)) });
        return updated;
      });
      if (!row) throw new NotFoundError(`Business calendar ${id} does not exist`);
      await recompute({ calendarId: id }, false);
      return presentCalendar(readCalendar(row));
    },
    async deleteCalendar(id: number, audit: AuditContext) {
      const before = presentCalendar(await calendarOrThrow(id));
      const users = await repository.calendarUsers(db, id);
      if (users.policies.length > 0) {
        const names = users.policies.map((policy) => `“${policy.name}”`).join(', ');
        throw new ConflictError('conflict', `Business calendar ${id} is used by the SLA ${users.policies.length === 1 ? 'policy' : 'policies'} ${names}; give them another calendar first.`, users);
      }
      if (users.usedByClocks) throw new ConflictError('conflict', `Business calendar ${id} still times the SLA clocks of some tickets.`, users);
      await inTransaction(db, async (tx) => {
        await repository.deleteCalendar(tx, id);
        await recordAudit(tx, audit, { action: 'business_calendar.deleted', entityType: 'business_calendar', entityId: id, before });
      });
    },

    // --- policies ----------------------------------------------------------------------------------------------
    async listPolicies() {
      return (await repository.listPolicies(db)).map((row) => presentPolicy(readPolicy(row)));
    },
    async getPolicy(id: number) {
      return presentPolicy(await policyOrThrow(id));
    },
    async createPolicy(input: SlaPolicyInput, audit: AuditContext) {
      const at = now();
      const values = await policyInput(input);
      const row = await inTransaction(db, async (tx) => {
        const position = input.position ?? (await repository.nextPolicyPosition(tx));
        await shiftPositions(tx, position, null);
        const created = await repository.insertPolicy(tx, { ...values, position, createdAt: at, updatedAt: at });
        await recordAudit(tx, audit, { action: 'sla_policy.created', entityType: 'sla_policy', entityId: created.id, after: presentPolicy(readPolicy(created)) });
        return created;
      });
      await recompute({}, true);
      return presentPolicy(readPolicy(row));
    },
    async updatePolicy(id: number, input: SlaPolicyInput, audit: AuditContext) {
      const current = await policyOrThrow(id);
      const values = await policyInput(input);
      const row = await inTransaction(db, async (tx) => {
        const position = input.position ?? current.position;
        if (position !== current.position) await shiftPositions(tx, position, id);
        const updated = await repository.updatePolicy(tx, id, { ...values, position, updatedAt: now() });
        if (updated) await recordAudit(tx, audit, { action: 'sla_policy.updated', entityType: 'sla_policy', entityId: id, before: presentPolicy(current), after: presentPolicy(readPolicy(updated)) });
        return updated;
      });
      if (!row) throw new NotFoundError(`SLA policy ${id} does not exist`);
      // Conditions or order may move tickets between policies: every open clock is looked at again.
      await recompute({}, true);
      return presentPolicy(readPolicy(row));
    },
    async reorderPolicies(policyIds: readonly number[], audit: AuditContext) {
      const existing = await repository.listPolicies(db);
      const known = new Set(existing.map((row) => row.id));
      if (policyIds.length !== known.size || new Set(policyIds).size !== policyIds.length || policyIds.some((id) => !known.has(id))) {
        throw new ValidationError('invalid_field', 'policyIds must list every policy exactly once', { field: 'policyIds' });
      }
      await inTransaction(db, async (tx) => {
        for (const [position, id] of policyIds.entries()) await repository.updatePolicy(tx, id, { position, updatedAt: now() });
        const order = (rows: readonly { id: number; position: number }[]) => [...rows].sort((a, b) => a.position - b.position).map((row) => row.id);
        await recordAudit(tx, audit, { action: 'sla_policy.reordered', entityType: 'sla_policy', entityId: null, before: { policyIds: order(existing) }, after: { policyIds } });
      });
      await recompute({}, true);
      return (await repository.listPolicies(db)).map((row) => presentPolicy(readPolicy(row)));
    },
    async deletePolicy(id: number, audit: AuditContext) {
      const before = presentPolicy(await policyOrThrow(id));
      await inTransaction(db, async (tx) => {
        await repository.deletePolicy(tx, id);
        await recordAudit(tx, audit, { action: 'sla_policy.deleted', entityType: 'sla_policy', entityId: id, before });
      });
      await recompute({}, true);
    },

    /** "A ticket created now with priority high would be due at …". */
    async preview(input: { priority: 'low' | 'normal' | 'high' | 'urgent'; type: string; categoryId: number | null; organizationId: number | null; teamId: number | null; channel: string; createdAt?: string | undefined }) {
      const createdAt = new Date(input.createdAt ?? now()).toISOString();
      const policy = matchPolicy((await slaReference(db)).policies, input);
      if (!policy) return { policy: null, createdAt, firstResponseDueAt: null, nextResponseMinutes: null, resolutionDueAt: null };
      const calendar = await calendarOrThrow(policy.calendarId);
      const due = (metric: 'first_response' | 'resolution') => {
        const target = targetMs(policy, input.priority, metric);
        return target === null ? null : addBusinessTime(calendar, createdAt, target).toISOString();
      };
      const next = targetMs(policy, input.priority, 'next_response');
      return { policy: { id: policy.id, name: policy.name }, createdAt, firstResponseDueAt: due('first_response'), nextResponseMinutes: next === null ? null : next / 60_000, resolutionDueAt: due('resolution') };
    },

    /** The SLA state of a ticket the actor may see. */
    async ticketSla(actor: Actor, ticketId: number) {
      const ticket = await repository.findTicketFacts(db, ticketId, false);
      if (!ticket || !canSeeTicket(ticketScope(actor), ticket)) throw new NotFoundError(`Ticket ${ticketId} does not exist`);
      return presentSla(ticketId);
    },

    /** Manual "escalate to tier N" with a reason; recorded in history and counted. */
    async escalate(actor: Actor, ticketId: number, input: { tier: number; reason: string; teamId?: number | undefined }) {
      const at = now();
      const ticket = await repository.findTicketFacts(db, ticketId, false);
      if (!ticket || !canSeeTicket(ticketScope(actor), ticket)) throw new NotFoundError(`Ticket ${ticketId} does not exist`);
      if (ticket.status === 'closed') throw new ConflictError('invalid_transition', `Ticket ${ticketId} is closed`);
      if (input.tier <= ticket.tier) throw new ValidationError('invalid_field', `Ticket ${ticketId} is already at tier ${ticket.tier}`, { field: 'tier' });
      if (!(await repository.teamOfTier(db, input.tier, input.teamId))) {
        throw new ValidationError('invalid_field', `No active team of tier ${input.tier}${input.teamId ? ` with id ${input.teamId}` : ''}`, { field: 'teamId' });
      }
      const actions = [{ type: 'move_to_tier' as const, tier: input.tier, ...(input.teamId ? { teamId: input.teamId } : {}) }];
      const change = await inTransaction(db, async (tx) => {
        const locked = (await repository.findTicketFacts(tx, ticketId, lock))!;
        await applyEscalationActions(tx, { ticket: locked, actorId: actor.userId, reason: input.reason, at }, actions);
        await recordEscalation(tx, { ticketId, kind: 'manual', metric: null, trigger: null, actions, reason: input.reason, actorId: actor.userId, at });
        const after = (await repository.findTicketFacts(tx, ticketId, false))!;
        return { before: locked, after, changes: escalationChanges(locked, after) };
      });
      await syncTicket(ticketId, at);
      await events.publish({ type: 'ticket.escalated', occurredAt: at, actorId: actor.userId, payload: { ticketId, tier: input.tier, reason: input.reason, kind: 'manual' } });
      // Open desks refresh the ticket (its new team sees it arrive, the old one sees it leave).
      if (change.changes.length > 0) await events.publish(slaTicketUpdatedEvent(change.before, change.after, change.changes, actor.userId, at));
      return presentSla(ticketId);
    },

    /**
     * Records every warning and breach due by now and runs the policy's escalation rules, each exactly once: the
     * clock row is updated at its version, so of two instances checking together only one records it.
     */
    async checkDue(): Promise<number> {
      const at = now();
      let fired = 0;
      const rows = await repository.dueClocks(db, at, checkBatch);
      if (rows.length === 0) return 0;
      type Fired = { trigger: 'warning' | 'breach'; ticketChanged: boolean; clock: ReturnType<typeof recordDue>['clock']; metric: SlaMetric };
      // All the clocks due this tick in one transaction: the tickets are locked in id order (so two instances never
      // deadlock), each clock is re-read and recorded at the version the check found; a clock whose version moved was
      // recorded by another instance (or changed by its ticket) and is left alone.
      const results = await inTransaction(db, async (tx) => {
        const ticketIds = [...new Set(rows.map((row) => row.ticketId))];
        const tickets = new Map((await repository.findTicketFactsOfTickets(tx, ticketIds, lock)).map((ticket) => [ticket.id, ticket as repository.TicketFacts]));
        const clocks = new Map((await repository.clocksOfTickets(tx, ticketIds)).map((clockRow) => [clockRow.id, clockRow]));
        const { calendarOf, policies } = await slaReference(tx);
        const policyOf = (id: number) => policies.find((policy) => policy.id === id) ?? null;
        const outcomes: Array<{ ticketId: number; fired: Fired[]; ticketUpdate: DomainEvent | null }> = [];
        for (const row of rows) {
          const ticket = tickets.get(row.ticketId);
          const current = clocks.get(row.id);
          if (!ticket || !current || current.version !== row.version) continue;
          const value = { ...current, targetMs: Number(current.targetMs), spentMs: Number(current.spentMs) };
          const outcome = recordDue(calendarOf(current.calendarId), value, at);
          if (!(await repository.tryUpdateClockAtVersion(tx, current.id, current.version, { ...outcome.clock, updatedAt: at }))) continue;
          const triggers = [...(outcome.warned ? (['warning'] as const) : []), ...(outcome.breached ? (['breach'] as const) : [])];
          if (triggers.length === 0) continue;
          const policy = current.policyId === null ? null : policyOf(current.policyId);
          let ticketChanged = false;
          for (const trigger of triggers) {
            const rules = policy ? policy.escalations.filter((rule) => rule.trigger === trigger && (!rule.metric || rule.metric === current.metric)) : [];
            for (const rule of rules) {
              const reason = `SLA ${current.metric.replace('_', ' ')} ${trigger === 'breach' ? 'breached' : 'warning'} (policy "${policy!.name}")`;
              const facts = (await repository.findTicketFacts(tx, row.ticketId, false))!;
              ticketChanged = (await applyEscalationActions(tx, { ticket: facts, actorId: null, reason, at }, rule.actions)) || ticketChanged;
              await recordEscalation(tx, { ticketId: row.ticketId, kind: 'automatic', metric: current.metric, trigger, actions: rule.actions, reason, actorId: null, at });
            }
          }
          const after = ticketChanged ? (await repository.findTicketFacts(tx, row.ticketId, false))! : ticket;
          // A later clock of the same ticket starts from the ticket as this one's escalation left it.
          tickets.set(row.ticketId, after);
          const changes: SlaTicketChange[] = [...escalationChanges(ticket, after), ...triggers.map((trigger) => clockFiredChange(current.metric, trigger))];
          outcomes.push({
            ticketId: row.ticketId,
            fired: triggers.map((trigger) => ({ trigger, ticketChanged, clock: outcome.clock, metric: current.metric })),
            ticketUpdate: slaTicketUpdatedEvent(ticket, after, changes, null, at),
          });
        }
        return outcomes;
      });
      for (const result of results) {
        const published = result.fired;
        for (const item of published) {
          fired += 1;
          await events.publish({
            type: item.trigger === 'breach' ? 'sla.breached' : 'sla.warning',
            occurredAt: at,
            actorId: null,
            payload: { ticketId: result.ticketId, metric: item.metric, dueAt: item.clock.dueAt, breachedAt: item.clock.breachedAt, warnedAt: item.clock.warnedAt },
          });
        }
        if (published.some((item) => item.ticketChanged)) await syncTicket(result.ticketId, at);
        // Like any ticket change: open desks, lists and the event stream refresh the ticket (its SLA colour, and
        // whatever escalation changed). Published once, by the instance that recorded the warning or breach.
        if (result.ticketUpdate) await events.publish(result.ticketUpdate);
      }
      if (rows.length === checkBatch) log.warn({ count: rows.length }, 'more SLA checks due than one batch; the rest follow next tick');
      return fired;
    },
  };

  async function presentSla(ticketId: number) {
    const rows = await repository.clocksOfTicket(db, ticketId);
    const { calendarOf, policies } = await slaReference(db);
    const calendars = new Map<number, BusinessCalendar>(rows.map((row) => [row.calendarId, calendarOf(row.calendarId)]));
    const policyId = rows.find((row) => row.policyId !== null)?.policyId ?? null;
    const policy = policies.find((candidate) => candidate.id === policyId);
    return presentTicketSla(ticketId, rows, calendars, policy ? { id: policy.id, name: policy.name } : null, await repository.escalationCount(db, ticketId), now());
  }

  /** Makes room at `position` by moving later policies down one place. */
  async function shiftPositions(tx: typeof db, position: number, exceptId: number | null): Promise<void> {
    const all = await repository.listPolicies(tx);
    let next = position + 1;
    for (const row of all) {
      if (row.id === exceptId || row.position < position) continue;
      await repository.updatePolicy(tx, row.id, { position: next++ });
    }
  }
}
