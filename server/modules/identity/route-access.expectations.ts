import type { BuiltInRoleKey } from '../../../shared/permissions.js';

/**
 * Who may call each route: the table the route-access test (route-access.test.ts) checks every
 * registered route against, for every built-in role and for anonymous callers. A route that is not
 * in this table fails that test, so adding a route means adding its row here, decided on purpose.
 *
 * The list is who is ALLOWED through the gate; everyone else must be refused (401 for anonymous,
 * 403 for a signed-in role). "Allowed" means the gate lets the caller in: the route may still answer
 * 404 for a record they may not see (the policy module decides that per record).
 */
export type Caller = 'anonymous' | BuiltInRoleKey;

const everyone: readonly Caller[] = ['anonymous', 'requester', 'agent', 'team_lead', 'manager', 'admin'];
const signedIn: readonly Caller[] = ['requester', 'agent', 'team_lead', 'manager', 'admin'];
const staff: readonly Caller[] = ['agent', 'team_lead', 'manager', 'admin'];
const managers: readonly Caller[] = ['manager', 'admin'];
const admins: readonly Caller[] = ['admin'];

export const routeAccessExpectations: Record<string, readonly Caller[]> = {
  // platform
  'GET /healthz': everyone,
  'GET /readyz': everyone,
  'GET /api/v1/openapi.json': everyone,

  // identity: signing in and out
  'POST /api/v1/auth/login': everyone,
  'POST /api/v1/auth/logout': signedIn,
  'POST /api/v1/auth/logout-everywhere': signedIn,
  'POST /api/v1/auth/password-reset': everyone,
  'POST /api/v1/auth/password-reset/confirm': everyone,
  'POST /api/v1/auth/magic-link': everyone,
  'POST /api/v1/auth/magic-link/consume': everyone,
  'GET /api/v1/me': signedIn,
  'PATCH /api/v1/me': signedIn,
  // identity: people (requesters never look other people up)
  'GET /api/v1/users': staff,
  'POST /api/v1/users': managers,
  'GET /api/v1/users/:id': staff,
  'PATCH /api/v1/users/:id': managers,
  'POST /api/v1/users/:id/invitation': managers,
  'POST /api/v1/users/:id/emails': managers,
  'DELETE /api/v1/users/:id/emails/:emailId': managers,
  'GET /api/v1/organizations': staff,
  'POST /api/v1/organizations': managers,
  'GET /api/v1/organizations/:id': staff,
  'PATCH /api/v1/organizations/:id': managers,
  'GET /api/v1/teams': staff,
  'POST /api/v1/teams': managers,
  'GET /api/v1/teams/:id': staff,
  'PATCH /api/v1/teams/:id': managers,
  'PUT /api/v1/teams/:id/members': managers,
  'GET /api/v1/roles': staff,
  'GET /api/v1/permissions': staff,
  'POST /api/v1/roles': admins,
  'GET /api/v1/roles/:id': staff,
  'PATCH /api/v1/roles/:id': admins,
  'DELETE /api/v1/roles/:id': admins,
  // one's own tokens; other people's need tokens.manage (checked inside)
  'GET /api/v1/tokens': signedIn,
  'POST /api/v1/tokens': signedIn,
  'DELETE /api/v1/tokens/:id': signedIn,
  'GET /api/v1/audit-events': managers,

  // tickets: requesters file and follow their own; the policy module narrows what each one sees
  'POST /api/v1/tickets': signedIn,
  'GET /api/v1/tickets': signedIn,
  'POST /api/v1/tickets/bulk': staff,
  'GET /api/v1/tickets/:id': signedIn,
  'PATCH /api/v1/tickets/:id': signedIn,
  'GET /api/v1/tickets/:id/messages': signedIn,
  'POST /api/v1/tickets/:id/messages': signedIn,
  'GET /api/v1/tickets/:id/history': staff,
  'GET /api/v1/tickets/:id/links': staff,
  'POST /api/v1/tickets/:id/links': staff,
  'DELETE /api/v1/tickets/:id/links/:linkId': staff,
  'GET /api/v1/tickets/:id/time-entries': staff,
  'POST /api/v1/tickets/:id/time-entries': staff,
  'POST /api/v1/tickets/:id/merge': staff,
  'GET /api/v1/categories': signedIn,
  'POST /api/v1/categories': admins,
  'PATCH /api/v1/categories/:id': admins,
  'GET /api/v1/custom-fields': signedIn,
  'POST /api/v1/custom-fields': admins,
  'PATCH /api/v1/custom-fields/:id': admins,
  'GET /api/v1/priority-matrix': signedIn,
  'PUT /api/v1/priority-matrix': admins,
  'GET /api/v1/desk-settings': signedIn,
  'PATCH /api/v1/desk-settings': admins,
  'GET /api/v1/search': signedIn,
  'GET /api/v1/views': staff,
  'POST /api/v1/views': staff,
  'GET /api/v1/views/:id': staff,
  'PATCH /api/v1/views/:id': staff,
  'DELETE /api/v1/views/:id': staff,
  // attachments follow their message's visibility; uploads go to a ticket the caller sees
  'POST /api/v1/tickets/:id/attachments': signedIn,
  'GET /api/v1/tickets/:id/attachments': signedIn,
  'GET /api/v1/attachments/:id': signedIn,
  'PATCH /api/v1/attachments/:id': signedIn,
  // live updates: everyone hears what they may see; presence is for the desk only
  'GET /api/v1/events': signedIn,
  'POST /api/v1/tickets/:id/presence': staff,
  'GET /api/v1/tickets/:id/presence': staff,

  // service levels
  'GET /api/v1/business-calendars': admins,
  'POST /api/v1/business-calendars': admins,
  'GET /api/v1/business-calendars/:id': admins,
  'PUT /api/v1/business-calendars/:id': admins,
  'DELETE /api/v1/business-calendars/:id': admins,
  'GET /api/v1/sla-policies': admins,
  'POST /api/v1/sla-policies': admins,
  'PUT /api/v1/sla-policies/order': admins,
  'POST /api/v1/sla-policies/preview': admins,
  'GET /api/v1/sla-policies/:id': admins,
  'PUT /api/v1/sla-policies/:id': admins,
  'DELETE /api/v1/sla-policies/:id': admins,
  'GET /api/v1/tickets/:id/sla': signedIn,
  'POST /api/v1/tickets/:id/escalate': staff,
  // mail: mailboxes, the failed-mail list and notification templates are desk configuration
  'GET /api/v1/mailboxes': admins,
  'POST /api/v1/mailboxes': admins,
  'GET /api/v1/mailboxes/:id': admins,
  'PUT /api/v1/mailboxes/:id': admins,
  'DELETE /api/v1/mailboxes/:id': admins,
  'POST /api/v1/mailboxes/:id/check': admins,
  'GET /api/v1/mail/failures': admins,
  'GET /api/v1/mail/failures/:id/raw': admins,
  'POST /api/v1/mail/failures/:id/reprocess': admins,
  'GET /api/v1/mail/templates': admins,
  'PUT /api/v1/mail/templates/:key': admins,
  'DELETE /api/v1/mail/templates/:key': admins,
};
