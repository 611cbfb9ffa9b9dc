import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRoleKeys, type BuiltInRoleKey } from '../../../shared/permissions.js';
import { testDatabases } from '../../test/databases.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { registeredRoutes } from './identity.module.js';
import { routeAccessExpectations, type Caller } from './route-access.expectations.js';
import { createSession } from './sessions.js';

/**
 * Every route of the app × every role and anonymous, against the table in route-access.expectations.ts.
 * Callers are browsers with a fresh session (cookie + CSRF token) per request, so routes that sign out
 * cannot disturb the next one. Path parameters point at records that do not exist: the gate decides
 * before any record is looked up, and an allowed caller then gets 400 or 404, never 401 or 403.
 */
const routesRegisteredBeforeIdentity = [{ method: 'GET', url: '/api/v1/openapi.json' }];

function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+/g, '999999').replace(/\*$/, 'anything');
}

describe.each(testDatabases)('route access on %s', (dialect) => {
  let app: TestApp;
  const userIds = new Map<BuiltInRoleKey, number>();

  beforeAll(async () => {
    app = await createTestApp(dialect);
    for (const role of builtInRoleKeys) userIds.set(role, (await createUser(app.database.db, { role, password: null })).id);
  });
  afterAll(async () => {
    await app.stop();
  });

  function allRoutes(): { method: string; url: string }[] {
    const extra = routesRegisteredBeforeIdentity.filter((route) => app.http.hasRoute(route));
    return [...extra, ...registeredRoutes(app.http)].filter((route) => route.method !== 'HEAD' && !route.url.startsWith('/api/docs'));
  }

  async function headersFor(caller: Caller): Promise<Record<string, string>> {
    if (caller === 'anonymous') return {};
    const session = await createSession(app.database.db, app.context.clock, { idleMinutes: 60, absoluteHours: 1 }, {
      userId: userIds.get(caller)!,
      ip: null,
      userAgent: null,
    });
    return { cookie: `linchpin_session=${session.cookieValue}`, 'x-csrf-token': session.csrfToken };
  }

  it('has an expectation for every registered route, and no row for a route that does not exist', () => {
    const keys = allRoutes().map((route) => `${route.method} ${route.url}`);
    const missing = keys.filter((key) => !(key in routeAccessExpectations));
    expect(missing, 'add these routes to server/modules/identity/route-access.expectations.ts').toEqual([]);
    const stale = Object.keys(routeAccessExpectations).filter((key) => !keys.includes(key));
    expect(stale, 'these rows name routes that are no longer registered').toEqual([]);
  });

  it('lets exactly the expected callers through the gate of every route', async () => {
    const mismatches: string[] = [];
    for (const route of allRoutes()) {
      const key = `${route.method} ${route.url}`;
      const allowed = routeAccessExpectations[key];
      if (!allowed) continue; // reported by the test above
      for (const caller of ['anonymous', ...builtInRoleKeys] as Caller[]) {
        const response = await app.http.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: await headersFor(caller),
          ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
        });
        const code = response.statusCode >= 400 ? (response.json() as { error?: { code?: string } }).error?.code : undefined;
        const refused = code === 'authentication_required' || code === 'forbidden' || code === 'insufficient_scope' || code === 'csrf_token_invalid';
        const expectAllowed = allowed.includes(caller);
        if (expectAllowed && (refused || response.statusCode >= 500)) {
          mismatches.push(`${key} as ${caller}: expected to be let through, got ${response.statusCode} ${code ?? ''}`);
        }
        if (!expectAllowed) {
          const expectedStatus = caller === 'anonymous' ? 401 : 403;
          if (response.statusCode !== expectedStatus || !refused) mismatches.push(`${key} as ${caller}: expected ${expectedStatus}, got ${response.statusCode} ${code ?? ''}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
