import { defaultPriorityMatrix, priorityFor, priorityRank, type Impact, type Urgency } from '../../../shared/priority-matrix.js';
import type { TicketStatus } from '../../../shared/ticket-status.js';
import { documentScope } from '../tickets/index.js';
import type { RowBatch } from './bulk-tables.js';
import type { Random } from './random.js';
import {
  agentFirstReplies,
  agentFollowUps,
  escalationReasons,
  onHoldNotes,
  pendingQuestions,
  requesterFollowUps,
  type LeafCategory,
  type TeamKey,
} from './vocabulary.js';

/** The people, teams and categories tickets are built from (ids already in the database). */
export interface DeskDirectory {
  teams: Record<TeamKey, { id: number; tier: number; agentIds: number[] }>;
  categories: Array<{ id: number; leaf: LeafCategory }>;
  requesters: Array<{ id: number; firstName: string; organizationId: number | null }>;
  agentNames: ReadonlyMap<number, string>;
}

/** The next id of each table: ids are assigned here so children can point at parents without a round trip. */
export interface IdCounters {
  ticket: number;
  ref: number;
  message: number;
  history: number;
  search: number;
}

export interface BuildOptions {
  nowMs: number;
  /** Average messages per ticket; undefined gives the demo's natural spread (2–8). */
  messagesPerTicket: number | undefined;
  /** Days after resolution when a ticket closes by itself. */
  autoCloseDays: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Older tickets are mostly finished; young ones are still being worked. */
function statusForAge(random: Random, ageMs: number): TicketStatus {
  if (ageMs < hour) return random.weighted<TicketStatus>([['new', 70], ['open', 30]]);
  if (ageMs < day) return random.weighted<TicketStatus>([['new', 15], ['open', 45], ['pending', 20], ['on_hold', 5], ['resolved', 15]]);
  if (ageMs < 7 * day) return random.weighted<TicketStatus>([['new', 3], ['open', 25], ['pending', 15], ['on_hold', 7], ['resolved', 50]]);
  if (ageMs < 14 * day) return random.weighted<TicketStatus>([['open', 8], ['pending', 4], ['on_hold', 3], ['resolved', 25], ['closed', 60]]);
  return random.weighted<TicketStatus>([['open', 2], ['pending', 1], ['on_hold', 1], ['closed', 96]]);
}

const htmlSpecial = /[&<>"]/;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs (split on blank lines) in <p>, single line breaks as <br>; most texts need no escaping at all. */
function toHtml(text: string): string {
  const escaped = htmlSpecial.test(text) ? escapeHtml(text) : text;
  return `<p>${escaped.replaceAll('\n\n', '</p><p>').replaceAll('\n', '<br>')}</p>`;
}

type TemplatePart = string | 'name' | 'subject' | 'lowerSubject';
const templatePattern = /\{(name|subject)\}/g;
// The vocabulary's templates, cut once into text and placeholders: filling one is then a few concatenations.
const compiledTemplates = new Map<string, Array<{ text: string } | { key: TemplatePart }>>();

function compileTemplate(template: string): Array<{ text: string } | { key: TemplatePart }> {
  const parts: Array<{ text: string } | { key: TemplatePart }> = [];
  let from = 0;
  for (const match of template.matchAll(templatePattern)) {
    if (match.index > from) parts.push({ text: template.slice(from, match.index) });
    // "{subject}." at the start keeps its capital; "Hi, {subject}" reads better in lower case.
    parts.push({ key: match[1] === 'subject' && match.index > 0 ? 'lowerSubject' : (match[1] as 'name' | 'subject') });
    from = match.index + match[0].length;
  }
  if (from < template.length) parts.push({ text: template.slice(from) });
  return parts;
}

function fill(template: string, values: { name?: string; subject?: string }): string {
  let parts = compiledTemplates.get(template);
  if (!parts) compiledTemplates.set(template, (parts = compileTemplate(template)));
  let result = '';
  for (const part of parts) {
    if ('text' in part) result += part.text;
    else if (part.key === 'lowerSubject') result += values.subject === undefined ? '{subject}' : lowerFirst(values.subject);
    else result += values[part.key as 'name' | 'subject'] ?? `{${part.key}}`;
  }
  return result;
}

type Step =
  | { kind: 'message' | 'reply' | 'note'; author: 'requester' | 'agent'; text: string }
  | { kind: 'change'; field: string; from: unknown; to: unknown; reason: string | null; actor: 'agent' | 'system' };

/**
 * Builds one ticket with its conversation, tags, history and search documents into `batch`.
 * The history replays exactly: starting from the values at creation (status new, no assignee,
 * the category's team) and applying every history row in order gives the ticket's current fields.
 */
export function buildTicket(random: Random, directory: DeskDirectory, ids: IdCounters, createdAtMs: number, options: BuildOptions, batch: RowBatch): void {
  const { nowMs } = options;
  const category = random.pick(directory.categories);
  const leaf = category.leaf;
  const requester = random.pick(directory.requesters);
  const channel = random.weighted([['portal', 50], ['email', 35], ['phone', 12], ['api', 3]] as const);
  const type = leaf.name === 'Install' ? 'service_request' : random.weighted([['incident', 62], ['service_request', 18], ['question', 15], ['problem', 3], ['change', 2]] as const);
  const impact = random.weighted<Impact>([['low', 45], ['medium', 40], ['high', 15]]);
  const urgency = random.weighted<Urgency>([['low', 35], ['medium', 45], ['high', 20]]);
  const priority = priorityFor(defaultPriorityMatrix, impact, urgency);
  const subject = random.pick(leaf.subjects);
  let status = statusForAge(random, nowMs - createdAtMs);

  const firstTeam = directory.teams[leaf.team];
  let team = firstTeam;
  let agentId = random.pick(firstTeam.agentIds);
  const firstAgentId = agentId;
  const requesterFirstName = requester.firstName;

  // The end of the story: when it was resolved (and closed), or how far the work has got by now.
  let resolvedAtMs: number | null = null;
  let closedAtMs: number | null = null;
  const firstResponseMs = createdAtMs + Math.min(Math.floor(5 * minute + random.next() ** 2 * 6 * hour), Math.max(minute, (nowMs - createdAtMs) / 3));
  if (status === 'closed') {
    const latest = nowMs - options.autoCloseDays * day - minute;
    resolvedAtMs = Math.min(firstResponseMs + minute + Math.floor(random.next() ** 2 * 5 * day), latest);
    if (resolvedAtMs <= firstResponseMs) status = 'resolved';
    else closedAtMs = resolvedAtMs + options.autoCloseDays * day;
  }
  if (status === 'resolved') {
    closedAtMs = null;
    // A day inside the auto-close window: a desk used (or benchmarked) right after generation has no ticket falling
    // due for the automatic close in its first hours.
    const earliest = Math.max(firstResponseMs + minute, nowMs - (options.autoCloseDays - 1) * day);
    resolvedAtMs = Math.min(Math.max(firstResponseMs + minute + Math.floor(random.next() ** 2 * 3 * day), earliest), nowMs - minute);
    if (resolvedAtMs <= firstResponseMs) {
      status = 'open';
      resolvedAtMs = null;
    }
  }
  if (status !== 'new' && firstResponseMs >= nowMs) status = 'new';
  const endMs = resolvedAtMs ?? (status === 'new' ? createdAtMs : firstResponseMs + Math.floor(random.next() * (nowMs - firstResponseMs)));

  const target =
    options.messagesPerTicket === undefined
      ? random.weighted([[2, 20], [3, 30], [4, 25], [5, 15], [6, 6], [8, 4]] as const)
      : Math.max(1, options.messagesPerTicket + random.int(-1, 1));
  // A few long conversations, so a ticket page with 20 messages exists at every size.
  const messageCount = status !== 'new' && random.chance(0.005) ? random.int(20, 24) : target;

  const steps: Step[] = [];
  const opening = fill(random.pick(leaf.openings), { subject }) + `\n\n${requesterFirstName}`;
  if (status === 'new') {
    for (let i = 1; i < Math.min(messageCount, 2); i++) steps.push({ kind: 'message', author: 'requester', text: random.pick(requesterFollowUps) });
  } else {
    steps.push({ kind: 'change', field: 'assigneeId', from: null, to: agentId, reason: null, actor: 'agent' });
    steps.push({ kind: 'change', field: 'status', from: 'new', to: 'open', reason: null, actor: 'agent' });
    steps.push({ kind: 'reply', author: 'agent', text: fill(random.pick(agentFirstReplies), { name: requesterFirstName }) });
    const closing = status === 'open' ? 0 : 1;
    const escalates = leaf.escalation !== null && random.chance(leaf.escalation.probability);
    const middle = Math.max(0, messageCount - 2 - closing - (escalates ? 1 : 0));
    const escalateAt = escalates ? random.int(0, middle) : -1;
    for (let i = 0; i <= middle; i++) {
      if (i === escalateAt && leaf.escalation) {
        const reason = random.pick(escalationReasons);
        const nextTeam = directory.teams[leaf.escalation.to];
        const nextAgent = random.pick(nextTeam.agentIds);
        steps.push({ kind: 'note', author: 'agent', text: `${reason}. ${random.pick(leaf.notes)}` });
        steps.push({ kind: 'change', field: 'teamId', from: team.id, to: nextTeam.id, reason, actor: 'agent' });
        steps.push({ kind: 'change', field: 'tier', from: team.tier, to: nextTeam.tier, reason, actor: 'agent' });
        steps.push({ kind: 'change', field: 'assigneeId', from: agentId, to: nextAgent, reason, actor: 'agent' });
        team = nextTeam;
        agentId = nextAgent;
      }
      if (i === middle) break;
      if (random.chance(0.15)) steps.push({ kind: 'note', author: 'agent', text: random.pick(leaf.notes) });
      else if (i % 2 === 0) steps.push({ kind: 'message', author: 'requester', text: random.pick(requesterFollowUps) });
      else steps.push({ kind: 'reply', author: 'agent', text: fill(random.pick(agentFollowUps), { name: requesterFirstName }) });
    }
    if (status === 'pending') {
      steps.push({ kind: 'reply', author: 'agent', text: fill(random.pick(pendingQuestions), { name: requesterFirstName }) });
      steps.push({ kind: 'change', field: 'status', from: 'open', to: 'pending', reason: 'Waiting for the requester', actor: 'agent' });
    } else if (status === 'on_hold') {
      steps.push({ kind: 'note', author: 'agent', text: random.pick(onHoldNotes) });
      steps.push({ kind: 'change', field: 'status', from: 'open', to: 'on_hold', reason: 'Waiting for a third party', actor: 'agent' });
    } else if (status === 'resolved' || status === 'closed') {
      steps.push({ kind: 'reply', author: 'agent', text: `Hi ${requesterFirstName}, ${lowerFirst(random.pick(leaf.fixes))} I am marking this as resolved; just reply if it comes back.` });
      steps.push({ kind: 'change', field: 'status', from: 'open', to: 'resolved', reason: null, actor: 'agent' });
    }
  }

  const ticketId = ids.ticket++;
  const createdAt = new Date(createdAtMs).toISOString();
  const tagCount = random.int(1, 2);
  const tags = tagCount === 1 ? [random.pick(leaf.tags)] : [...new Set([random.pick(leaf.tags), random.pick(leaf.tags)])];

  const requesterMessageId = ids.message++;
  batch.ticketMessages.push([requesterMessageId, ticketId, requester.id, 'message', 0, channel, toHtml(opening), opening, createdAt]);
  // Search documents get their scope once the ticket's last team and assignee are known (the end of the story).
  const documentsFrom = batch.searchDocuments.length;
  batch.searchDocuments.push([ids.search++, ticketId, 'subject', ticketId, 0, subject, null, createdAt]);
  batch.searchDocuments.push([ids.search++, ticketId, 'message', requesterMessageId, 0, opening, null, createdAt]);

  // Steps after the first reply spread between it and the end; the first reply sits at firstResponseMs.
  let lastMs = createdAtMs;
  let firstResponseAt: string | null = null;
  let changes = 0;
  const spreadFrom = firstResponseMs;
  const spreadSpan = Math.max(0, endMs - spreadFrom);
  const spreadSteps = Math.max(1, steps.length - 3);
  let holderId = firstAgentId;
  // Each instant is also kept as text: the ticket row repeats the last ones.
  let lastAt = createdAt;
  let lastPublicAt = createdAt;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    // Agent steps are taken by whoever holds the ticket at that moment; a hand-over is recorded by the one handing over.
    const actorId = holderId;
    if (step.kind === 'change' && step.field === 'assigneeId' && typeof step.to === 'number') holderId = step.to;
    const planned = index < 3 ? firstResponseMs + index : spreadFrom + Math.floor((spreadSpan * (index - 2)) / spreadSteps);
    const atMs = Math.max(planned, lastMs + 1);
    const at = new Date(atMs).toISOString();
    lastMs = atMs;
    lastAt = at;
    if (step.kind === 'change') {
      changes++;
      batch.ticketHistory.push([ids.history++, ticketId, step.actor === 'agent' ? actorId : null, step.field, jsonText(step.from), jsonText(step.to), step.reason, at]);
      continue;
    }
    const authorId = step.author === 'requester' ? requester.id : holderId;
    const isInternal = step.kind === 'note' ? 1 : 0;
    const messageId = ids.message++;
    const text = step.kind === 'reply' ? `${step.text}\n\n${directory.agentNames.get(authorId) ?? 'IT Service Desk'}` : step.text;
    batch.ticketMessages.push([messageId, ticketId, authorId, step.kind, isInternal, step.author === 'requester' ? channel : 'portal', toHtml(text), text, at]);
    batch.searchDocuments.push([ids.search++, ticketId, 'message', messageId, isInternal, text, null, at]);
    if (!isInternal) lastPublicAt = at;
    if (step.kind === 'reply' && firstResponseAt === null) firstResponseAt = at;
  }
  if (closedAtMs !== null) {
    lastMs = Math.max(closedAtMs, lastMs + 1);
    lastAt = new Date(lastMs).toISOString();
    changes++;
    batch.ticketHistory.push([ids.history++, ticketId, null, 'status', '"resolved"', '"closed"', `Closed automatically ${options.autoCloseDays} days after resolution`, lastAt]);
  }
  const resolvedAt = status === 'resolved' || status === 'closed' ? lastResolvedAt(batch, ticketId) : null;

  const scoped = { teamId: team.id, assigneeId: status === 'new' ? null : agentId, requesterId: requester.id, organizationId: requester.organizationId };
  const publicScope = documentScope(scoped, false);
  const internalScope = documentScope(scoped, true);
  for (let i = documentsFrom; i < batch.searchDocuments.length; i++) {
    const document = batch.searchDocuments[i]!;
    document[6] = document[4] === 1 ? internalScope : publicScope;
  }

  for (const tag of tags) batch.ticketTags.push([ticketId, tag]);
  const createdById = channel === 'phone' ? random.pick(firstTeam.agentIds) : requester.id;
  batch.tickets.push([
    ticketId, ids.ref++, subject, requester.id, requester.organizationId, channel, type, status, impact, urgency, priority,
    priorityRank(priority), category.id, scoped.teamId, scoped.assigneeId, team.tier, JSON.stringify(tags), 1 + changes,
    createdById, createdAt, lastAt, firstResponseAt, resolvedAt, closedAtMs === null ? null : lastAt, lastPublicAt,
  ]);
}

/** The time of this ticket's resolution, read back from the history rows just written. */
function lastResolvedAt(batch: RowBatch, ticketId: number): string | null {
  for (let i = batch.ticketHistory.length - 1; i >= 0; i--) {
    const row = batch.ticketHistory[i]!;
    if (row[1] !== ticketId) break;
    if (row[3] === 'status' && row[5] === '"resolved"') return row[7] as string;
  }
  return null;
}

/** A history value as JSON; numbers and null need no serializer. */
function jsonText(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
