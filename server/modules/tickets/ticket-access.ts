import type { TransitionActor } from '../../../shared/ticket-status.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import { can, isRequesterOnly, type Actor } from '../identity/index.js';

/**
 * Who may do what to a ticket they can see. Routes that requesters and agents share declare
 * `authenticated`; the finer rule lives here, next to the visibility scope (which decides 404s).
 */
export function transitionActor(actor: Actor): TransitionActor {
  return isRequesterOnly(actor) ? 'requester' : 'agent';
}

/** Someone who works with tickets at all: a requester in the portal or an agent at the desk. */
export function assertUsesTickets(actor: Actor): void {
  if (!can(actor, 'portal.use') && !can(actor, 'tickets.view') && !can(actor, 'tickets.view_all')) {
    throw new ForbiddenError('forbidden', 'Your role does not work with tickets.');
  }
}

export function assertAgentMay(actor: Actor, permission: 'tickets.update' | 'tickets.reply' | 'tickets.note' | 'tickets.create' | 'tickets.bulk', doing: string): void {
  if (!can(actor, permission)) throw new ForbiddenError('forbidden', `Your role may not ${doing}.`);
}

/** Fields a requester may set when filing a ticket; the rest is triage, which is the desk's job. */
export const requesterCreateFields: ReadonlySet<string> = new Set(['subject', 'body', 'channel', 'type', 'urgency', 'categoryId', 'customFields']);

export function assertRequesterFields(body: object, allowed: ReadonlySet<string>): void {
  const refused = Object.keys(body).filter((key) => !allowed.has(key) && (body as Record<string, unknown>)[key] !== undefined);
  if (refused.length > 0) {
    throw new ForbiddenError('forbidden', `Requesters may not set ${refused.join(', ')}.`);
  }
}

export function canSeeInternalNotes(actor: Actor): boolean {
  return !isRequesterOnly(actor);
}
