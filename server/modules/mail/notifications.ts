import type { MailTemplateKey } from '../../../shared/schemas/mail.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { listValues, reusableQuery, reusableQueryByShape, slotList } from '../../platform/db/reusable-query.js';
import { cachedReference } from '../../platform/db/reference-cache.js';
import type { DomainEvent, EventBus } from '../../platform/events/event-bus.js';
import { readDeskBrand } from '../tickets/index.js';
import { enqueueMails, type EnqueueRequest, type OutgoingPayload } from './outbox.js';

type Work = (tx: Executor, event: DomainEvent, payload: Record<string, unknown>) => Promise<number>;

interface TicketFacts {
  id: number;
  ref: number;
  subject: string;
  requesterId: number;
  teamId: number | null;
  assigneeId: number | null;
  channel: string;
}

interface Person {
  id: number;
  name: string;
  email: string;
}

/** The SLA warning in words a lead reads at a glance: "first response", "Mon, 30 Mar 2026, 14:00 UTC". */
const metricWords: Record<string, string> = { first_response: 'first response', resolution: 'resolution' };
const dueFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
function dueAtWords(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${dueFormat.format(at)} UTC`;
}

/**
 * Turns ticket events into queued notifications, written in the transaction of the change when its publisher
 * stages the event (house rule 4: the change and its outbox entries commit together), else in a transaction of
 * their own right after it. Each notification is keyed by its event (dedupe key): a redelivered event queues it
 * once. Internal notes never produce mail; neither does mail that was itself automatic (RFC 3834 §2: never
 * answer an auto-reply, or two desks mail each other forever). Delivery is asked for after commit.
 */

// Every ticket event reads these: built once per number of people (reusable-query.ts).
const ticketFacts = reusableQuery((db, values: { id: number }) =>
  db.selectFrom('tickets').select(['id', 'ref', 'subject', 'requesterId', 'teamId', 'assigneeId', 'channel']).where('id', '=', values.id),
);
const mailboxMailArrivedAt = reusableQuery((db, values: { ticketId: number }) =>
  db
    .selectFrom('mailRawMessages')
    .innerJoin('mailboxes', 'mailboxes.id', 'mailRawMessages.mailboxId')
    .select(['mailboxes.id', 'mailboxes.address'])
    .where('mailRawMessages.ticketId', '=', values.ticketId)
    .orderBy('mailRawMessages.id')
    .limit(1),
);
const activePeople = reusableQueryByShape((db, values: Record<string, number>, count: string) =>
  db
    .selectFrom('users')
    .innerJoin('userEmails', 'userEmails.userId', 'users.id')
    .select(['users.id', 'users.name', 'userEmails.email'])
    .where('users.id', 'in', slotList(values, 'id', Number(count)))
    .where('userEmails.isPrimary', '=', true)
    .where('users.isActive', '=', true),
);

export function subscribeNotifications(deps: { db: Db; clock: Clock; events: EventBus; publicUrl: string; onQueued?: () => void }): () => void {
  const { db, clock, events } = deps;
  // Events that queued mail in their transaction: delivery is asked for once they are published (committed).
  const queuedBy = new WeakSet<DomainEvent>();
  const types = ['ticket.created', 'message.created', 'ticket.updated', 'sla.warning'] as const;
  const work: Record<(typeof types)[number], Work> = {
    'ticket.created': onTicketCreated,
    // Only public messages can send anything: decide before reading anything (notes and events do not).
    'message.created': (tx, event, payload) => {
      if (isPublicMessage(event, 'reply')) return onMessageCreated(tx, event, payload);
      if (isPublicMessage(event, 'message')) return onRequesterMessage(tx, event, payload);
      return Promise.resolve(0);
    },
    'ticket.updated': onTicketUpdated,
    'sla.warning': onSlaWarning,
  };
  const unsubscribers = types.flatMap((type) => [
    events.subscribeInTransaction(type, db, async (tx, event, change) => {
      if (type === 'message.created' && coveredByReceipt(event, change)) return;
      if ((await work[type](tx, event, (event.payload ?? {}) as Record<string, unknown>)) > 0) queuedBy.add(event);
    }),
    events.subscribe(type, (event) => {
      if (queuedBy.has(event)) deps.onQueued?.();
    }),
  ]);

  /**
   * The first message of a ticket created in the same change: the receipt and the team's notice carry it, so it
   * sends nothing of its own, unless an agent wrote it on the requester's behalf (then the requester gets it).
   */
  function coveredByReceipt(event: DomainEvent, change: readonly DomainEvent[]): boolean {
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const created = change.find((other) => other.type === 'ticket.created' && (other.payload as Record<string, unknown>).ticketId === payload.ticketId);
    if (!created) return false;
    return event.actorId === null || event.actorId === (created.payload as Record<string, unknown>).requesterId;
  }

  /** An agent's public reply (`reply`), or a message from the requester's side (`message`: the requester, a colleague, a Cc). */
  function isPublicMessage(event: DomainEvent, kind: 'reply' | 'message'): boolean {
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    return payload.internal === false && payload.kind === kind;
  }

  async function ticket(tx: Executor, id: unknown): Promise<TicketFacts | undefined> {
    if (typeof id !== 'number') return undefined;
    const row = (await ticketFacts.run(tx, { id })).rows[0];
    return row ? { ...row, id: Number(row.id), ref: Number(row.ref), requesterId: Number(row.requesterId) } : undefined;
  }

  // Read once per transaction: a new ticket asks about its requester, mailbox and our own addresses for the
  // receipt and again for the team's notice, and every round trip holds the transaction's locks longer.
  const memoOf = new WeakMap<Executor, Map<string, Promise<unknown>>>();
  function once<T>(tx: Executor, key: string, load: () => Promise<T>): Promise<T> {
    let memo = memoOf.get(tx);
    if (!memo) memoOf.set(tx, (memo = new Map()));
    let value = memo.get(key) as Promise<T> | undefined;
    if (!value) memo.set(key, (value = load()));
    return value;
  }

  /** The desk's name as its admin set it, read once per transaction however many notices it queues. */
  function deskName(tx: Executor): Promise<string> {
    return once(tx, 'deskName', () => cachedReference(tx, 'desk-name', async () => (await readDeskBrand(tx)).deskName));
  }

  function ownAddresses(tx: Executor): Promise<Set<string>> {
    return once(tx, 'mailboxes', () =>
      cachedReference(tx, 'mailbox-addresses', async () => new Set((await tx.selectFrom('mailboxes').select('address').execute()).map((m) => m.address))),
    );
  }

  function people(tx: Executor, ids: Array<number | null | undefined>): Promise<Person[]> {
    const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))].sort((a, b) => a - b);
    if (wanted.length === 0) return Promise.resolve([]);
    return once(tx, `people:${wanted.join(',')}`, () => loadPeople(tx, wanted));
  }

  async function loadPeople(tx: Executor, wanted: number[]): Promise<Person[]> {
    const rows = (await activePeople.run(tx, String(wanted.length), listValues('id', wanted))).rows;
    const mailboxes = await ownAddresses(tx);
    // Never mail one of our own mailboxes: that is a loop with ourselves.
    return rows.filter((row) => !mailboxes.has(row.email)).map((row) => ({ id: Number(row.id), name: row.name, email: row.email }));
  }

  /** The mailbox a ticket's mail leaves from: the one it arrived at, else its team's, else any. */
  function mailboxFor(tx: Executor, facts: TicketFacts): Promise<{ id: number | null; domain: string }> {
    return once(tx, `mailbox:${facts.id}`, () => chooseMailbox(tx, facts));
  }

  async function chooseMailbox(tx: Executor, facts: TicketFacts): Promise<{ id: number | null; domain: string }> {
    const arrived = (await mailboxMailArrivedAt.run(tx, { ticketId: facts.id })).rows[0];
    const chosen =
      arrived ??
      (await cachedReference(tx, `team-mailbox:${facts.teamId}`, () =>
        tx
          .selectFrom('mailboxes')
          .select(['id', 'address'])
          .where('isActive', '=', true)
          .orderBy((eb) => eb.case().when('teamId', '=', facts.teamId ?? -1).then(0).else(1).end())
          .orderBy('id')
          .executeTakeFirst(),
      ));
    return chosen ? { id: Number(chosen.id), domain: chosen.address.split('@')[1] ?? 'localhost' } : { id: null, domain: new URL(deps.publicUrl).hostname };
  }

  /** Queues a notice's mails at once; `notices` alone lets a reaction gather several notices into one batch. */
  async function send(...args: Parameters<typeof notices>): Promise<number> {
    return enqueueMails(args[0], await notices(...args));
  }

  /** One outbox request per recipient of a notice. */
  async function notices(
    tx: Executor,
    event: DomainEvent,
    facts: TicketFacts,
    template: MailTemplateKey,
    recipients: Person[],
    extra: Record<string, string>,
    autoSubmitted: OutgoingPayload['autoSubmitted'],
    eventKey: string,
  ): Promise<EnqueueRequest[]> {
    if (recipients.length === 0) return [];
    const mailbox = await mailboxFor(tx, facts);
    const [requester] = await people(tx, [facts.requesterId]);
    const name = await deskName(tx);
    const now = nowIso(clock);
    return recipients.map((person) => ({
        dedupeKey: `${event.type}:${facts.id}:${eventKey}:${template}:${person.id}`,
        template,
        recipient: person.email,
        relatedUserId: person.id,
        variables: {
          ticketRef: String(facts.ref),
          ticketSubject: facts.subject,
          ticketUrl: `${deps.publicUrl}/tickets/${facts.id}`,
          recipientName: person.name,
          requesterName: requester?.name ?? '',
          deskName: name,
          ...extra,
        },
        ticket: { id: facts.id, ref: facts.ref },
        mailboxId: mailbox.id,
        domain: mailbox.domain,
        autoSubmitted,
        now,
      }));
  }

  async function cameFromAutomaticMail(tx: Executor, ticketId: number, messageId?: number): Promise<boolean> {
    let query = tx.selectFrom('mailRawMessages').select('status').where('ticketId', '=', ticketId);
    if (messageId !== undefined) query = query.where('ticketMessageId', '=', messageId);
    const row = await query.orderBy('id').executeTakeFirst();
    return row?.status === 'noise';
  }

  /** A team's name and members: told of every new ticket in the team, so read from memory (see reference-cache.ts). */
  function teamAndMembers(tx: Executor, teamId: number): Promise<{ name: string; memberIds: number[] }> {
    return cachedReference(tx, `team-members:${teamId}`, async () => {
      const team = await tx.selectFrom('teams').select('name').where('id', '=', teamId).executeTakeFirst();
      const members = await tx.selectFrom('teamMembers').select('userId').where('teamId', '=', teamId).execute();
      return { name: team?.name ?? '', memberIds: members.map((m) => Number(m.userId)) };
    });
  }

  async function onTicketCreated(tx: Executor, event: DomainEvent, payload: Record<string, unknown>): Promise<number> {
    const facts = await ticket(tx, payload.ticketId);
    // Only a ticket opened by mail can have been opened by an auto-reply or a bounce.
    if (!facts || (facts.channel === 'email' && (await cameFromAutomaticMail(tx, facts.id)))) return 0;
    const firstMessage = await tx.selectFrom('ticketMessages').select('bodyText').where('ticketId', '=', facts.id).orderBy('id').executeTakeFirst();
    // The receipt and the team's notice go into the outbox together (one statement per step for all copies).
    const requests = await notices(tx, event, facts, 'ticket_received', await people(tx, [facts.requesterId]), {}, 'auto-replied', 'created');
    if (facts.teamId !== null) {
      const team = await teamAndMembers(tx, facts.teamId);
      const agents = (await people(tx, team.memberIds)).filter((p) => p.id !== facts.requesterId);
      requests.push(...(await notices(tx, event, facts, 'team_new_ticket', agents, { teamName: team.name, messageText: firstMessage?.bodyText ?? '' }, 'auto-generated', 'created')));
    }
    return enqueueMails(tx, requests);
  }

  /** A public message's text and author, as every notice about it fills them in; null for a note or a row gone. */
  async function messageNotice(tx: Executor, messageId: unknown) {
    if (typeof messageId !== 'number') return null;
    const message = await tx.selectFrom('ticketMessages').select(['bodyText', 'bodyHtml', 'authorId', 'isInternal']).where('id', '=', messageId).executeTakeFirst();
    if (!message || message.isInternal) return null;
    const authorId = message.authorId === null ? null : Number(message.authorId);
    const [author] = await people(tx, [authorId]);
    return { authorId, eventKey: `m${messageId}`, variables: { messageText: message.bodyText, messageHtml: message.bodyHtml, authorName: author?.name ?? '' } };
  }

  /** An agent's public reply goes to the requester and the watchers (never back to its author). */
  async function onMessageCreated(tx: Executor, event: DomainEvent, payload: Record<string, unknown>): Promise<number> {
    const facts = await ticket(tx, payload.ticketId);
    if (!facts) return 0;
    const notice = await messageNotice(tx, payload.messageId);
    if (!notice) return 0;
    const watchers = await tx.selectFrom('ticketWatchers').select('userId').where('ticketId', '=', facts.id).execute();
    const recipients = (await people(tx, [facts.requesterId, ...watchers.map((w) => Number(w.userId))])).filter((p) => p.id !== notice.authorId);
    return send(tx, event, facts, 'agent_reply', recipients, notice.variables, null, notice.eventKey);
  }

  /** The requester's side wrote on an assigned ticket: its assignee hears of it (unless they wrote it themselves). */
  async function onRequesterMessage(tx: Executor, event: DomainEvent, payload: Record<string, unknown>): Promise<number> {
    const facts = await ticket(tx, payload.ticketId);
    if (!facts || facts.assigneeId === null) return 0;
    const notice = await messageNotice(tx, payload.messageId);
    if (!notice || notice.authorId === Number(facts.assigneeId)) return 0;
    return send(tx, event, facts, 'requester_reply', await people(tx, [Number(facts.assigneeId)]), notice.variables, 'auto-generated', notice.eventKey);
  }

  async function onTicketUpdated(tx: Executor, event: DomainEvent, payload: Record<string, unknown>): Promise<number> {
    const facts = await ticket(tx, payload.ticketId);
    if (!facts) return 0;
    const changes = Array.isArray(payload.changes) ? (payload.changes as Array<{ field: string; to: unknown }>) : [];
    const version = String(payload.version ?? event.occurredAt);
    let queued = 0;
    if (changes.some((c) => c.field === 'status' && c.to === 'resolved')) {
      queued += await send(tx, event, facts, 'ticket_resolved', await people(tx, [facts.requesterId]), {}, 'auto-generated', `v${version}`);
    }
    const assigned = changes.find((c) => c.field === 'assigneeId' && typeof c.to === 'number');
    if (assigned && assigned.to !== event.actorId) {
      const assignees = await people(tx, [assigned.to as number]);
      queued += await send(tx, event, facts, 'ticket_assigned', assignees, { assigneeName: assignees[0]?.name ?? '' }, 'auto-generated', `v${version}`);
    }
    return queued;
  }

  async function onSlaWarning(tx: Executor, event: DomainEvent, payload: Record<string, unknown>): Promise<number> {
    const facts = await ticket(tx, payload.ticketId);
    if (!facts || facts.teamId === null) return 0;
    const leads = await tx.selectFrom('teamMembers').select('userId').where('teamId', '=', facts.teamId).where('isLead', '=', true).execute();
    const metric = String(payload.metric ?? '');
    const dueAt = String(payload.dueAt ?? '');
    const words = { metric: metricWords[metric] ?? metric, dueAt: dueAtWords(dueAt) };
    return send(tx, event, facts, 'sla_warning', await people(tx, leads.map((l) => Number(l.userId))), words, 'auto-generated', `${metric}:${dueAt}`);
  }

  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
