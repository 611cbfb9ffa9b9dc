import type { AppContext } from '../../app.js';
import type { RouteAccess } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { registerAuditRoutes } from './audit.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import { actorFromBearer, actorFromSession, enforceRouteAccess } from './authenticate.js';
import type { IdentityDeps } from './identity-deps.js';
import { registerMeRoutes } from './me.routes.js';
import { registerOrganizationRoutes } from './organizations.routes.js';
import { registerRoleRoutes } from './roles.routes.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';
import { sessionTimeouts } from './sessions.js';
import { registerTeamRoutes } from './teams.routes.js';
import { registerTokenRoutes } from './tokens.routes.js';
import { registerUserRoutes } from './users.routes.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

const routeRegistry = new WeakMap<HttpServer, RegisteredRoute[]>();

/**
 * Every route registered after the identity module, as method + URL pattern: the route-access test
 * walks them all, so a route added without an expectation fails the build.
 */
export function registeredRoutes(http: HttpServer): readonly RegisteredRoute[] {
  return routeRegistry.get(http) ?? [];
}

/**
 * Wires identity into the HTTP server: every request gets `request.actor` (Bearer token first, then
 * the session cookie), and every route's declared access is enforced, CSRF included. A route
 * registered without `config.access` fails start-up.
 */
export function registerIdentityModule(context: AppContext): void {
  const { http, database, clock, config } = context;
  const deps: IdentityDeps = { db: database.db, clock, config, dialect: database.dialect };
  const timeouts = sessionTimeouts(config);
  const routes: RegisteredRoute[] = [];
  routeRegistry.set(http, routes);
  http.decorateRequest('actor', null);

  http.addHook('onRoute', (route) => {
    if (!route.config?.access && !route.url.startsWith('/api/docs')) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access policy (config.access).`);
    }
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url, access: route.config?.access });
  });

  http.addHook('onRequest', async (request, reply) => {
    let sessionExpired = false;
    // Bearer wins: a script's explicit token is never mixed up with a browser's cookie.
    request.actor = await actorFromBearer(database.db, clock, request.headers.authorization);
    if (!request.actor) {
      const cookie = readSessionCookie(request);
      if (cookie) {
        const result = await actorFromSession(database.db, clock, timeouts, cookie);
        request.actor = result.actor;
        if (!result.actor) {
          sessionExpired = result.expired;
          clearSessionCookie(request, reply);
        }
      }
    }
    const access = request.routeOptions.config?.access;
    if (!access) {
      if (request.url.startsWith('/api/docs')) return;
      if (request.routeOptions.url === undefined) return; // unknown route: the 404 handler answers
      throw new AppError('forbidden', 'This route has no access policy.');
    }
    enforceRouteAccess(request, reply, access, { sessionExpired });
  });

  registerAuthRoutes(http, deps);
  registerMeRoutes(http, deps);
  registerUserRoutes(http, deps);
  registerOrganizationRoutes(http, deps);
  registerTeamRoutes(http, deps);
  registerRoleRoutes(http, deps);
  registerTokenRoutes(http, deps);
  registerAuditRoutes(http, deps);
}
