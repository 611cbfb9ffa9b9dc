import { createApiToken, createTeam, createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import type { Clock } from '../../platform/clock.js';
import type { Dialect } from '../../platform/db/database.js';

/** A small desk for the tickets tests: two teams, their agents, a requester, a manager and an admin. */
export interface Caller {
  user: TestUser;
  token: string;
}

export interface TestDesk {
  app: TestApp;
  teamA: { id: number; name: string };
  teamB: { id: number; name: string };
  requester: Caller;
  otherRequester: Caller;
  agentA: Caller;
  agentB: Caller;
  manager: Caller;
  admin: Caller;
  // Responses are checked field by field in the tests; a loose type keeps them readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(caller: Caller | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function createTestDesk(dialect: Dialect, options: { clock?: Clock } = {}): Promise<TestDesk> {
  const app = await createTestApp(dialect, options.clock ? { clock: options.clock } : {});
  const db = app.database.db;
  const teamA = await createTeam(db, { name: 'Service desk' });
  const teamB = await createTeam(db, { name: 'Network', tier: 2 });
  const caller = async (role: string, extra: Parameters<typeof createUser>[1] = {}, scope: 'write' | 'admin' = 'write'): Promise<Caller> => {
    // No password: the tests sign in with tokens, and hashing seven passwords would only slow them.
    const user = await createUser(db, { role, password: null, ...extra });
    return { user, token: await createApiToken(db, user.id, scope) };
  };
  const desk: Omit<TestDesk, 'call' | 'stop'> = {
    app,
    teamA,
    teamB,
    requester: await caller('requester', { name: 'Rita Requester' }),
    otherRequester: await caller('requester', { name: 'Oscar Other' }),
    agentA: await caller('agent', { name: 'Alice Agent', teamIds: [teamA.id] }),
    agentB: await caller('agent', { name: 'Bob Agent', teamIds: [teamB.id] }),
    manager: await caller('manager', { name: 'Mona Manager' }),
    admin: await caller('admin', { name: 'Ada Admin' }, 'admin'),
  };
  return {
    ...desk,
    async call(who, method, url, body) {
      const response = await app.http.inject({
        method,
        url,
        headers: who ? { authorization: `Bearer ${who.token}` } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: response.statusCode, body: response.body ? response.json() : undefined };
    },
    stop: () => app.stop(),
  };
}
