import type { FastifyReply, FastifyRequest } from 'fastify';
import { administrativePermissions } from '../../../shared/permissions.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { RouteAccess } from '../../platform/http/access.js';
import { ForbiddenError, UnauthorizedError } from '../../platform/http/errors.js';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import { constantTimeEqual, hashToken } from '../../platform/secrets.js';
import type { Actor } from './actor.js';
import { actorQuery, loadActor, toActor } from './actor-loader.js';
import { deleteSession, lookupSession, type SessionTimeouts } from './sessions.js';

// Writing last_used_at on every call would make every API read a write; a minute is precise enough.
const lastUsedResolutionMs = 60_000;

// Every API request runs it: built once (reusable-query.ts).
const tokenWithOwner = reusableQuery((db, values: { tokenHash: string }) =>
  actorQuery(db)
    .innerJoin('apiTokens', 'apiTokens.userId', 'users.id')
    .select(['apiTokens.id as tokenId', 'apiTokens.scope', 'apiTokens.expiresAt', 'apiTokens.revokedAt', 'apiTokens.lastUsedAt'])
    .where('apiTokens.tokenHash', '=', values.tokenHash),
);

/** Resolves `Authorization: Bearer lp_…` to an Actor; null when absent. Throws on a bad token. */
export async function actorFromBearer(db: Db, clock: Clock, header: string | undefined): Promise<Actor | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthorizedError('authentication_required', 'The Authorization header must be "Bearer <token>".');
  const now = clock.now();
  // The token and its owner in one query.
  const token = (await tokenWithOwner.run(db, { tokenHash: hashToken(match[1]!) })).rows[0];
  if (!token || token.revokedAt || (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime())) {
    throw new UnauthorizedError('authentication_required', 'This API token is unknown, revoked or expired.');
  }
  const actor = toActor(token, 'token', { tokenScope: token.scope });
  if (!actor) throw new UnauthorizedError('authentication_required', 'The owner of this API token is deactivated.');
  if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) >= lastUsedResolutionMs) {
    await db.updateTable('apiTokens').set({ lastUsedAt: now.toISOString() }).where('id', '=', token.tokenId).execute();
  }
  return actor;
}

export type SessionActorResult = { actor: Actor } | { actor: null; expired: boolean };

/** Resolves the session cookie to an Actor. A session whose owner was deactivated ends here. */
export async function actorFromSession(db: Db, clock: Clock, timeouts: SessionTimeouts, cookieValue: string): Promise<SessionActorResult> {
  const session = await lookupSession(db, clock, timeouts, cookieValue);
  if (session.status !== 'valid') return { actor: null, expired: session.status === 'expired' };
  const actor = await loadActor(db, session.userId, 'session', { sessionIdHash: session.idHash, csrfToken: session.csrfToken });
  if (!actor) {
    await deleteSession(db, session.idHash);
    return { actor: null, expired: true };
  }
  return { actor };
}

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(method: string): boolean {
  return !readOnlyMethods.has(method);
}

/**
 * A cookie is sent by the browser whoever caused the request; the CSRF token is only known to pages
 * of our own origin. So every state-changing request authenticated by cookie must echo the session's
 * token in `x-csrf-token`. Bearer tokens are never sent automatically, hence exempt.
 */
export function enforceCsrf(request: FastifyRequest): void {
  const actor = request.actor;
  if (!actor || actor.via !== 'session' || !changesState(request.method)) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !actor.csrfToken || !constantTimeEqual(sent, actor.csrfToken)) {
    throw new ForbiddenError('csrf_token_invalid', 'This change needs the x-csrf-token header of your session (reload the page).');
  }
}

/**
 * The deny-by-default gate every route passes: its declared access against the actor.
 * Per-resource visibility (which tickets) is decided afterwards by the policy module.
 */
export function enforceRouteAccess(request: FastifyRequest, _reply: FastifyReply, access: RouteAccess, options: { sessionExpired?: boolean } = {}): void {
  if (access === 'public') return;
  const actor = request.actor;
  if (!actor) {
    if (options.sessionExpired) throw new UnauthorizedError('session_expired', 'Your session has ended; sign in again.');
    throw new UnauthorizedError('authentication_required', 'Sign in or send an API token to use this.');
  }
  if (actor.via === 'token') {
    // A token never exceeds its owner's role, and its scope narrows it further.
    if (actor.tokenScope === 'read' && changesState(request.method)) {
      throw new ForbiddenError('insufficient_scope', 'This API token has the read scope; this request needs write.');
    }
    if (typeof access === 'object' && administrativePermissions.has(access.permission) && actor.tokenScope !== 'admin') {
      throw new ForbiddenError('insufficient_scope', 'This API token needs the admin scope for this request.');
    }
  }
  if (typeof access === 'object' && !actor.permissions.has(access.permission)) {
    throw new ForbiddenError('forbidden', 'Your role does not allow this.');
  }
  enforceCsrf(request);
}
