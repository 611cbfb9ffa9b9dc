import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

describe.each(testDatabases)('roles, API tokens and the audit log on %s', (dialect) => {
  let app: TestApp;
  let admin: TestUser;
  let adminToken: string;
  const clock = createFixedClock('2026-11-23T09:00:00.000Z');
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
    app.http.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00.000Z');
    app = await createTestApp(dialect, { clock });
    admin = await createUser(app.database.db, { role: 'admin' });
    adminToken = await createApiToken(app.database.db, admin.id, 'admin');
  });
  afterEach(async () => {
    await app.stop();
  });

  it('defines a read-only auditor role from the permission list and gives it to someone', async () => {
    const created = await call('POST', '/api/v1/roles', adminToken, { key: 'auditor', name: 'Auditor', permissions: ['audit.read', 'users.read'] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'auditor', isBuiltIn: false, permissions: ['audit.read', 'users.read'] });
    const person = await call('POST', '/api/v1/users', adminToken, { name: 'Olive Auditor', email: 'olive@example.com', role: 'auditor' });
    expect(person.json().role).toBe('auditor');
    const oliveToken = await createApiToken(app.database.db, person.json().id, 'admin');
    expect((await call('GET', '/api/v1/audit-events', oliveToken)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/teams', oliveToken, { name: 'Nope', tier: 1 })).statusCode).toBe(403);
    // In use: cannot be deleted.
    expect((await call('DELETE', `/api/v1/roles/${created.json().id}`, adminToken)).statusCode).toBe(409);
    expect((await call('POST', '/api/v1/roles', adminToken, { key: 'auditor', name: 'Again', permissions: [] })).statusCode).toBe(409);
    expect((await call('POST', '/api/v1/roles', adminToken, { key: 'x', name: 'Bad', permissions: ['fly'] })).statusCode).toBe(400);
  });

  it('keeps the built-in roles: no rename, no permission change, no deletion', async () => {
    const roles = (await call('GET', '/api/v1/roles', adminToken)).json().items as { id: number; key: string; isBuiltIn: boolean }[];
    expect(roles.filter((r) => r.isBuiltIn).map((r) => r.key)).toEqual(['requester', 'agent', 'team_lead', 'manager', 'admin']);
    const agentRole = roles.find((r) => r.key === 'agent')!;
    expect((await call('PATCH', `/api/v1/roles/${agentRole.id}`, adminToken, { name: 'Superagent' })).statusCode).toBe(409);
    expect((await call('PATCH', `/api/v1/roles/${agentRole.id}`, adminToken, { permissions: ['tickets.view_all'] })).statusCode).toBe(409);
    expect((await call('DELETE', `/api/v1/roles/${agentRole.id}`, adminToken)).statusCode).toBe(409);
    expect((await call('GET', `/api/v1/roles/${agentRole.id}`, adminToken)).json().name).toBe('Agent');
  });

  it('creates a token shown once, limited by scope and expiry, tracks last use each minute, and revokes it', async () => {
    const agent = await createUser(app.database.db, { role: 'agent' });
    const agentToken = await createApiToken(app.database.db, agent.id, 'write');
    const created = await call('POST', '/api/v1/tokens', agentToken, { name: 'my laptop', scope: 'read', expiresAt: '2026-11-24T09:00:00Z' });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^lp_/);
    expect(token).toMatchObject({ name: 'my laptop', scope: 'read', userId: agent.id, expiresAt: '2026-11-24T09:00:00.000Z', lastUsedAt: null });
    expect(JSON.stringify((await call('GET', '/api/v1/tokens', agentToken)).json())).not.toContain(secret);

    expect((await call('GET', '/api/v1/me', secret)).statusCode).toBe(200);
    clock.advance(30_000);
    await call('GET', '/api/v1/me', secret);
    const listed = async () => ((await call('GET', '/api/v1/tokens', agentToken)).json().items as { id: number; lastUsedAt: string | null }[]).find((t) => t.id === token.id)!;
    expect((await listed()).lastUsedAt).toBe('2026-11-23T09:00:00.000Z');
    clock.advance(30_000);
    await call('GET', '/api/v1/me', secret);
    expect((await listed()).lastUsedAt).toBe('2026-11-23T09:01:00.000Z');

    // A write token cannot mint an admin one; a read token cannot write at all.
    expect((await call('POST', '/api/v1/tokens', agentToken, { name: 'escalate', scope: 'admin' })).json().error.code).toBe('insufficient_scope');
    expect((await call('PATCH', '/api/v1/me', secret, { name: 'x' })).json().error.code).toBe('insufficient_scope');
    // A token never exceeds its owner's role, whatever its scope.
    const wideWriteToken = (await call('POST', '/api/v1/tokens', agentToken, { name: 'wide', scope: 'write' })).json().secret;
    expect((await call('GET', '/api/v1/audit-events', wideWriteToken)).statusCode).toBe(403);

    clock.set('2026-11-24T09:00:00.000Z');
    expect((await call('GET', '/api/v1/me', secret)).statusCode).toBe(401);
    clock.set('2026-11-23T10:00:00.000Z');
    const revoked = await call('DELETE', `/api/v1/tokens/${token.id}`, agentToken);
    expect(revoked.json().revokedAt).toBe('2026-11-23T10:00:00.000Z');
    expect((await call('GET', '/api/v1/me', secret)).statusCode).toBe(401);
  });

  it('lets an admin create tokens for service accounts only, and hides other people\'s tokens', async () => {
    const service = await call('POST', '/api/v1/users', adminToken, { name: 'CI bot', email: 'ci@example.com', role: 'agent', isServiceAccount: true });
    expect(service.json().isServiceAccount).toBe(true);
    const forService = await call('POST', '/api/v1/tokens', adminToken, { name: 'pipeline', userId: service.json().id });
    expect(forService.statusCode).toBe(201);
    expect(forService.json().token.userId).toBe(service.json().id);
    const person = await createUser(app.database.db, { role: 'agent' });
    expect((await call('POST', '/api/v1/tokens', adminToken, { name: 'impersonate', userId: person.id })).statusCode).toBe(400);
    const personToken = await createApiToken(app.database.db, person.id, 'write');
    expect((await call('DELETE', `/api/v1/tokens/${forService.json().token.id}`, personToken)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/tokens?userId=${service.json().id}`, personToken)).statusCode).toBe(404);
  });

  it('writes an audit row for every change, in the same transaction, and lists them with filters', async () => {
    const team = (await call('POST', '/api/v1/teams', adminToken, { name: 'Network', tier: 2 })).json();
    clock.advance(60_000);
    await call('PATCH', `/api/v1/teams/${team.id}`, adminToken, { description: 'Switches and Wi-Fi' });
    const organization = (await call('POST', '/api/v1/organizations', adminToken, { name: 'Globex', domains: ['globex.example'] })).json();
    const role = (await call('POST', '/api/v1/roles', adminToken, { key: 'auditor', name: 'Auditor', permissions: ['audit.read'] })).json();
    const token = (await call('POST', '/api/v1/tokens', adminToken, { name: 'report' })).json();
    await call('DELETE', `/api/v1/tokens/${token.token.id}`, adminToken);
    const failed = await call('POST', '/api/v1/teams', adminToken, { name: 'Network', tier: 1 });
    expect(failed.statusCode).toBe(409);

    const all = (await call('GET', '/api/v1/audit-events?limit=100', adminToken)).json();
    expect(all.items.map((e: { action: string }) => e.action)).toEqual([
      'token.revoked',
      'token.created',
      'role.created',
      'organization.created',
      'team.updated',
      'team.created',
    ]);
    for (const event of all.items) expect(event).toMatchObject({ actorId: admin.id, requestId: expect.any(String), ip: '127.0.0.1' });
    const teamUpdate = all.items.find((e: { action: string }) => e.action === 'team.updated');
    expect(teamUpdate.before.description).toBe('');
    expect(teamUpdate.after.description).toBe('Switches and Wi-Fi');
    expect(JSON.stringify(all)).not.toContain('tokenHash');

    const filtered = async (query: string) => (await call('GET', `/api/v1/audit-events?${query}`, adminToken)).json().items.map((e: { action: string }) => e.action);
    expect(await filtered(`entityType=team&entityId=${team.id}`)).toEqual(['team.updated', 'team.created']);
    expect(await filtered('action=role.created')).toEqual(['role.created']);
    expect(await filtered(`entityType=organization&entityId=${organization.id}`)).toEqual(['organization.created']);
    expect(await filtered('to=2026-11-23T09:00:30Z')).toEqual(['team.created']);
    expect(await filtered(`actorId=${admin.id}&from=2026-11-23T09:00:30Z&entityType=role`)).toEqual(['role.created']);
    const firstPage = (await call('GET', '/api/v1/audit-events?limit=4', adminToken)).json();
    const secondPage = (await call('GET', `/api/v1/audit-events?limit=4&cursor=${firstPage.nextCursor}`, adminToken)).json();
    expect(secondPage.items.map((e: { action: string }) => e.action)).toEqual(['team.updated', 'team.created']);
    expect(role.key).toBe('auditor');
  });
});
