import type { Permission } from '../../../shared/permissions.js';
import type { TokenScope } from './identity.tables.js';

/**
 * Who is making a request, with everything the policy needs to decide, loaded once per request.
 * Routes read it from `request.actor`; services take it as their first argument.
 */
export interface Actor {
  userId: number;
  name: string;
  roleKey: string;
  permissions: ReadonlySet<Permission>;
  organizationId: number | null;
  /** The actor's organisation lets members see each other's tickets. */
  organizationSharesTickets: boolean;
  /** Teams the actor belongs to (as member or lead). */
  teamIds: readonly number[];
  /** Teams the actor leads. */
  leadTeamIds: readonly number[];
  timeZone: string;
  locale: string;
  /** How they came: a signed-in browser, an API token, or a mail they sent (the mail channel acts for them). */
  via: 'session' | 'token' | 'mail';
  /** Set when authenticated by an API token. */
  tokenScope?: TokenScope;
  /** Session id hash, when authenticated by cookie (sign-out, CSRF). */
  sessionIdHash?: string;
  /** The session's CSRF token, when authenticated by cookie: state-changing requests must echo it. */
  csrfToken?: string;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Whether a role's permissions make its people staff who work tickets: they can be assigned one and join teams. */
export function worksTickets(permissions: Iterable<string>): boolean {
  for (const permission of permissions) if (permission === 'tickets.view' || permission === 'tickets.view_all') return true;
  return false;
}

/** Requesters (people who only use the portal) never see internal notes or other people's data. */
export function isRequesterOnly(actor: Actor): boolean {
  return !worksTickets(actor.permissions);
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the identity module's onRequest hook; null for anonymous requests. */
    actor: Actor | null;
  }
}
