import { defaultImpact, defaultUrgency, priorityFor, priorityRank, type PriorityMatrix } from '../../../shared/priority-matrix.js';
import type { CustomField, Impact, MessageKind, Priority, TicketChannel, TicketType, Urgency } from '../../../shared/schemas/tickets.js';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import { assertAssignable } from './ticket-changes.js';
import { assertRequiredFields, validateCustomFieldValues, type CustomFieldValues } from './custom-field-rules.js';
import { prepareMessageBody } from './message-body.js';
import { insertMessage } from './conversation.repository.js';
import type { MessageRow, TicketRow } from './tickets.presenter.js';
import { findCategory, findTeam, insertHistory, insertTicket, loadUserFacts, nextTicketRef } from './tickets.repository.js';

/** Everything a new ticket is made of, after the caller has decided who the requester is. */
export interface NewTicket {
  subject: string;
  body: string;
  requesterId: number;
  channel: TicketChannel;
  type?: TicketType | undefined;
  impact?: Impact | undefined;
  urgency?: Urgency | undefined;
  priority?: Priority | undefined;
  categoryId?: number | null | undefined;
  teamId?: number | null | undefined;
  assigneeId?: number | null | undefined;
  tier?: number | undefined;
  tags?: string[] | undefined;
  customFields?: CustomFieldValues | undefined;
  watcherIds?: number[] | undefined;
  /** The first message's kind: the requester's words ('message'), or an agent's note. */
  firstMessageKind?: MessageKind;
}

export interface CreationContext {
  tx: Executor;
  dialect: Dialect;
  matrix: PriorityMatrix;
  customFields: readonly CustomField[];
  actorId: number | null;
  now: string;
}

/**
 * Writes a new ticket, its tags, watchers, first message and its 'created' history row in the
 * caller's transaction. The reference number comes from `nextTicketRef`.
 */
export async function insertNewTicket(context: CreationContext, input: NewTicket): Promise<{ ticket: TicketRow; message: MessageRow }> {
  const { tx, now } = context;
  const people = [input.requesterId, ...(input.assigneeId ? [input.assigneeId] : []), ...(input.watcherIds ?? [])];
  const facts = await loadUserFacts(tx, people);
  const requester = facts.get(input.requesterId);
  if (!requester || !requester.isActive) throw new ValidationError('invalid_field', `There is no active user ${input.requesterId}.`, { field: 'requesterId' });
  if (input.assigneeId) assertAssignable(facts, input.assigneeId);
  for (const watcherId of input.watcherIds ?? []) {
    if (!facts.get(watcherId)?.isActive) throw new ValidationError('invalid_field', `There is no active user ${watcherId} to add as a watcher.`, { field: 'watcherIds' });
  }
  let teamId = input.teamId ?? null;
  if (input.categoryId) {
    const category = await findCategory(tx, input.categoryId);
    if (!category || !category.isActive) throw new ValidationError('invalid_field', `There is no active category ${input.categoryId}.`, { field: 'categoryId' });
    // A category may route its tickets to a team when the requester names none.
    if (teamId === null) teamId = category.defaultTeamId;
  }
  let tier = input.tier;
  if (teamId !== null) {
    const team = await findTeam(tx, teamId);
    if (!team || !team.isActive) throw new ValidationError('invalid_field', `There is no active team ${teamId}.`, { field: 'teamId' });
    tier ??= team.tier;
  }
  const customFields = input.customFields ?? {};
  validateCustomFieldValues(context.customFields, customFields);
  for (const [key, value] of Object.entries(customFields)) if (value === null) delete customFields[key];
  assertRequiredFields(context.customFields, customFields, 'new');

  const impact = input.impact ?? defaultImpact;
  const urgency = input.urgency ?? defaultUrgency;
  const priority = input.priority ?? priorityFor(context.matrix, impact, urgency);
  const tags = [...new Set(input.tags ?? [])];
  const watcherIds = [...new Set(input.watcherIds ?? [])];
  const ref = await nextTicketRef(tx, context.dialect);
  const ticket = await insertTicket(tx, {
    ref,
    subject: input.subject,
    requesterId: input.requesterId,
    organizationId: requester.organizationId,
    channel: input.channel,
    type: input.type ?? 'incident',
    status: 'new',
    impact,
    urgency,
    priority,
    priorityRank: priorityRank(priority),
    priorityOverridden: input.priority !== undefined,
    categoryId: input.categoryId ?? null,
    teamId,
    assigneeId: input.assigneeId ?? null,
    tier: tier ?? 1,
    tags: JSON.stringify(tags),
    customFields: JSON.stringify(customFields),
    watcherIds: JSON.stringify(watcherIds),
    mergedIntoId: null,
    createdById: context.actorId,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    lastPublicActivityAt: now,
  });
  if (tags.length > 0) await tx.insertInto('ticketTags').values(tags.map((tag) => ({ ticketId: ticket.id, tag }))).execute();
  if (watcherIds.length > 0) {
    await tx.insertInto('ticketWatchers').values(watcherIds.map((userId) => ({ ticketId: ticket.id, userId, createdAt: now }))).execute();
  }
  const body = prepareMessageBody(input.body);
  const message = await insertMessage(tx, {
    ticketId: ticket.id,
    authorId: context.actorId,
    kind: input.firstMessageKind ?? 'message',
    isInternal: input.firstMessageKind === 'note',
    channel: input.channel,
    bodyHtml: body.html,
    bodyText: body.text,
    emailMessageId: null,
    movedFromTicketId: null,
    createdAt: now,
  });
  await insertHistory(tx, [
    {
      ticketId: ticket.id,
      actorId: context.actorId,
      field: 'created',
      fromValue: null,
      toValue: {
        subject: ticket.subject,
        status: ticket.status,
        priority: ticket.priority,
        channel: ticket.channel,
        type: ticket.type,
        requesterId: ticket.requesterId,
        teamId: ticket.teamId,
        assigneeId: ticket.assigneeId,
        categoryId: ticket.categoryId,
        tags,
        watcherIds,
        customFields,
      },
      reason: null,
      createdAt: now,
    },
  ]);
  return { ticket, message };
}
