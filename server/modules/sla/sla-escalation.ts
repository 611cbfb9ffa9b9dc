/**
 * Escalation: the actions of a rule (notify the team lead or a manager, move to a higher-tier team, raise the
 * priority, reassign) and the manual "escalate to tier N". Each change is written to the ticket's history with its
 * reason, and each escalation is counted (sla_escalations) for the reports, in the caller's transaction.
 */
import { priorities, priorityRank, type Priority } from '../../../shared/priority-matrix.js';
import type { EscalationAction, SlaMetric } from '../../../shared/schemas/sla.js';
import type { Executor } from '../../platform/db/database.js';
import { activeAgentIds } from '../identity/index.js';
import * as repository from './sla.repository.js';
import type { TicketFacts } from './sla.repository.js';

export interface EscalationContext {
  ticket: TicketFacts;
  actorId: number | null;
  reason: string;
  at: string;
}

/** Applies the actions in order; returns whether a ticket field changed (its clocks must then be recomputed). */
export async function applyEscalationActions(db: Executor, context: EscalationContext, actions: readonly EscalationAction[]): Promise<boolean> {
  const { ticket, actorId, reason, at } = context;
  const history: Parameters<typeof repository.insertHistory>[1] = [];
  const record = (field: string, fromValue: unknown, toValue: unknown) => history.push({ ticketId: ticket.id, actorId, field, fromValue, toValue, reason, createdAt: at });
  let changed = false;
  let current = { priority: ticket.priority, teamId: ticket.teamId, tier: ticket.tier, assigneeId: ticket.assigneeId };

  for (const action of actions) {
    switch (action.type) {
      case 'notify_team_lead':
      case 'notify_manager': {
        const kind = action.type === 'notify_team_lead' ? 'team_lead' : 'manager';
        const recipients = await repository.escalationRecipients(db, kind, current.teamId);
        await repository.insertOutbox(
          db,
          recipients.map((recipient) => ({
            recipient: recipient.email,
            subject: `Ticket #${ticket.ref} escalated: ${reason}`,
            payload: JSON.stringify({ ticketId: ticket.id, reason, notify: kind }),
            relatedUserId: recipient.userId,
            at,
          })),
        );
        record('escalation.notified', null, { notify: kind, userIds: recipients.map((r) => r.userId) });
        break;
      }
      case 'move_to_tier': {
        const team = await repository.teamOfTier(db, action.tier, action.teamId);
        if (!team) {
          record('escalation.skipped', null, { action: 'move_to_tier', tier: action.tier, why: 'no active team of that tier' });
          break;
        }
        if (team.id !== current.teamId) record('teamId', current.teamId, team.id);
        if (action.tier !== current.tier) record('tier', current.tier, action.tier);
        current = { ...current, teamId: team.id, tier: action.tier };
        changed = true;
        break;
      }
      case 'raise_priority': {
        const index = priorities.indexOf(current.priority);
        const raised: Priority | undefined = priorities[index + 1];
        if (!raised) break; // already urgent
        record('priority', current.priority, raised);
        current = { ...current, priority: raised };
        changed = true;
        break;
      }
      case 'reassign': {
        if (action.assigneeId === current.assigneeId) break;
        // Checked when the rule was saved; the agent may have left since.
        if (action.assigneeId !== null && !(await activeAgentIds(db, [action.assigneeId])).has(action.assigneeId)) {
          record('escalation.skipped', null, { action: 'reassign', assigneeId: action.assigneeId, why: 'not an active agent' });
          break;
        }
        record('assigneeId', current.assigneeId, action.assigneeId);
        current = { ...current, assigneeId: action.assigneeId };
        changed = true;
        break;
      }
    }
  }
  if (changed) {
    await repository.updateTicketFields(db, ticket.id, {
      ...current,
      priorityRank: priorityRank(current.priority),
      ...(current.priority !== ticket.priority ? { priorityOverridden: true } : {}),
      updatedAt: at,
    });
  }
  await repository.insertHistory(db, history);
  return changed;
}

export async function recordEscalation(
  db: Executor,
  values: { ticketId: number; kind: 'automatic' | 'manual'; metric: SlaMetric | null; trigger: 'warning' | 'breach' | null; actions: readonly EscalationAction[]; reason: string; actorId: number | null; at: string },
): Promise<void> {
  const { at, actions, ...rest } = values;
  await repository.insertEscalation(db, { ...rest, actions: JSON.stringify(actions), createdAt: at });
}
