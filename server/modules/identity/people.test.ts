import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createOrganization, createTeam, createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { findOrCreateRequester, findPeople } from './index.js';

describe.each(testDatabases)('people, organisations and teams on %s', (dialect) => {
  let app: TestApp;
  let admin: TestUser;
  let adminToken: string;
  const as = (token: string) => ({
    get: (url: string) => app.http.inject({ method: 'GET', url, headers: bearer(token) }),
    post: (url: string, payload: object) => app.http.inject({ method: 'POST', url, payload, headers: bearer(token) }),
    patch: (url: string, payload: object) => app.http.inject({ method: 'PATCH', url, payload, headers: bearer(token) }),
    put: (url: string, payload: object) => app.http.inject({ method: 'PUT', url, payload, headers: bearer(token) }),
  });

  beforeEach(async () => {
    app = await createTestApp(dialect);
    admin = await createUser(app.database.db, { role: 'admin', name: 'Ada Admin' });
    adminToken = await createApiToken(app.database.db, admin.id, 'admin');
  });
  afterEach(async () => {
    await app.stop();
  });

  it('creates a person with exactly the fields scripts send, and audits it', async () => {
    const response = await as(adminToken).post('/api/v1/users', { name: 'Bea Agent', email: 'Bea@Example.com', role: 'agent', password: 'correct horse battery' });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({ name: 'Bea Agent', email: 'bea@example.com', role: 'agent', isActive: true, hasPassword: true, teamIds: [] });
    expect((await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'bea@example.com', password: 'correct horse battery' } })).statusCode).toBe(200);
    const audit = await app.database.db.selectFrom('auditEvents').selectAll().where('action', '=', 'user.created').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, entityType: 'user', entityId: String(user.id) });
    expect(audit[0]!.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(audit[0]!.after)).not.toContain('scrypt');
  });

  it('answers bad input with a clear 4xx and writes nothing', async () => {
    const team = await createTeam(app.database.db);
    const cases: [object, number, string, string?][] = [
      [{ name: 'Dup', email: admin.email, role: 'agent', password: 'correct horse battery' }, 409, 'duplicate'],
      [{ name: 'Bad', email: 'not-an-email', role: 'agent', password: 'correct horse battery' }, 400, 'validation_failed', 'body.email'],
      [{ name: 'Role', email: 'r@example.com', role: 'wizard', password: 'correct horse battery' }, 400, 'invalid_field', 'role'],
      [{ name: 'Team', email: 't@example.com', role: 'agent', teamIds: [team.id, 987654] }, 400, 'invalid_field', 'teamIds'],
      [{ name: 'Org', email: 'o@example.com', role: 'agent', organizationId: 987654 }, 400, 'invalid_field', 'organizationId'],
      [{ name: 'Weak', email: 'w@example.com', role: 'agent', password: 'short' }, 400, 'weak_password', 'A password needs at least 12 characters.'],
      [{ name: 'Req', email: 'q@example.com', role: 'requester', teamIds: [team.id] }, 400, 'invalid_field', 'teamIds'],
    ];
    for (const [payload, status, code, mention] of cases) {
      const response = await as(adminToken).post('/api/v1/users', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.code).toBe(code);
      if (mention) expect(response.json().error.message).toContain(mention);
    }
    expect(await app.database.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    expect(await app.database.db.selectFrom('auditEvents').select('id').execute()).toEqual([]);
  });

  it('refuses a write through a read-only token with insufficient_scope', async () => {
    const readToken = await createApiToken(app.database.db, admin.id, 'read');
    const response = await as(readToken).post('/api/v1/teams', { name: 'Service Desk', tier: 1 });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('insufficient_scope');
    const writeToken = await createApiToken(app.database.db, admin.id, 'write');
    expect((await as(writeToken).post('/api/v1/teams', { name: 'Service Desk', tier: 1 })).json().error.code).toBe('insufficient_scope');
  });

  it('never lets a requester read another requester', async () => {
    const alice = await createUser(app.database.db, { role: 'requester' });
    const bob = await createUser(app.database.db, { role: 'requester', phone: '+44 20 7946 0000' });
    const aliceToken = await createApiToken(app.database.db, alice.id, 'read');
    for (const url of [`/api/v1/users/${bob.id}`, '/api/v1/users', `/api/v1/users?q=${encodeURIComponent(bob.email)}`, `/api/v1/tokens?userId=${bob.id}`, '/api/v1/organizations', '/api/v1/audit-events']) {
      const response = await as(aliceToken).get(url);
      expect([403, 404], url).toContain(response.statusCode);
      expect(response.body).not.toContain(bob.email);
    }
    const me = await as(aliceToken).get('/api/v1/me');
    expect(me.json()).toMatchObject({ id: alice.id, email: alice.email });
    expect(me.body).not.toContain(bob.email);
  });

  it('keeps the last active admin: no demotion, no deactivation (409)', async () => {
    const demote = await as(adminToken).patch(`/api/v1/users/${admin.id}`, { role: 'manager' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_admin');
    expect((await as(adminToken).patch(`/api/v1/users/${admin.id}`, { isActive: false })).json().error.code).toBe('last_admin');
    const second = await createUser(app.database.db, { role: 'admin' });
    expect((await as(adminToken).patch(`/api/v1/users/${second.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await as(adminToken).patch(`/api/v1/users/${admin.id}`, { role: 'manager' })).statusCode).toBe(409);
  });

  it('does not let a manager hand out more than they hold', async () => {
    const manager = await createUser(app.database.db, { role: 'manager' });
    const managerToken = await createApiToken(app.database.db, manager.id, 'admin');
    const makeAdmin = await as(managerToken).post('/api/v1/users', { name: 'Eve', email: 'eve@example.com', role: 'admin', password: 'correct horse battery' });
    expect(makeAdmin.statusCode).toBe(403);
    const resetAdmin = await as(managerToken).patch(`/api/v1/users/${admin.id}`, { password: 'taken over by the manager' });
    expect(resetAdmin.statusCode).toBe(403);
    expect((await as(managerToken).post('/api/v1/users', { name: 'Al', email: 'al@example.com', role: 'agent' })).statusCode).toBe(201);
  });

  it('lists people with filters and keyset pages', async () => {
    const team = await createTeam(app.database.db);
    const organization = await createOrganization(app.database.db);
    await createUser(app.database.db, { role: 'agent', name: 'Carla Agent', teamIds: [team.id] });
    await createUser(app.database.db, { role: 'agent', name: 'Dan Agent', isActive: false });
    await createUser(app.database.db, { role: 'requester', name: 'Erin Requester', organizationId: organization.id, phone: '+1 555 0100' });
    const names = async (query: string) => (await as(adminToken).get(`/api/v1/users?${query}`)).json().items.map((u: { name: string }) => u.name);
    expect(await names('role=agent')).toEqual(['Carla Agent', 'Dan Agent']);
    expect(await names('role=agent&active=true')).toEqual(['Carla Agent']);
    expect(await names(`teamId=${team.id}`)).toEqual(['Carla Agent']);
    expect(await names(`organizationId=${organization.id}`)).toEqual(['Erin Requester']);
    expect(await names('q=ERIN')).toEqual(['Erin Requester']);
    expect(await names('q=555%200100')).toEqual(['Erin Requester']);
    const first = (await as(adminToken).get('/api/v1/users?limit=2')).json();
    expect(first.items.map((u: { name: string }) => u.name)).toEqual(['Ada Admin', 'Carla Agent']);
    const second = (await as(adminToken).get(`/api/v1/users?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((u: { name: string }) => u.name)).toEqual(['Dan Agent', 'Erin Requester']);
    expect(second.nextCursor).toBeNull();
    const forged = await as(adminToken).get(`/api/v1/users?cursor=${Buffer.from('{"a":1}').toString('base64url')}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('invalid_field');
  });

  it('adds and removes extra email addresses, never a duplicate', async () => {
    const agent = await createUser(app.database.db, { role: 'agent' });
    const added = await as(adminToken).post(`/api/v1/users/${agent.id}/emails`, { email: 'Alias@Example.com' });
    expect(added.statusCode).toBe(201);
    expect(added.json().emails.map((e: { email: string }) => e.email)).toEqual([agent.email, 'alias@example.com']);
    expect((await as(adminToken).post(`/api/v1/users/${admin.id}/emails`, { email: 'alias@example.com' })).statusCode).toBe(409);
    const alias = added.json().emails[1];
    const removed = await app.http.inject({ method: 'DELETE', url: `/api/v1/users/${agent.id}/emails/${alias.id}`, headers: bearer(adminToken) });
    expect(removed.json().emails).toHaveLength(1);
  });

  it('puts a new requester into the organisation that owns the domain of their address', async () => {
    const created = await as(adminToken).post('/api/v1/organizations', { name: 'Acme', domains: ['acme.example'], membersSeeEachOther: true });
    expect(created.statusCode).toBe(201);
    const acme = created.json();
    expect(acme).toMatchObject({ name: 'Acme', domains: ['acme.example'], membersSeeEachOther: true });
    const viaApi = await as(adminToken).post('/api/v1/users', { name: 'Pat', email: 'pat@acme.example', role: 'requester' });
    expect(viaApi.json()).toMatchObject({ organizationId: acme.id, hasPassword: false });
    const viaMail = await findOrCreateRequester(app.database.db, app.context.clock, { email: 'Sam@IT.Acme.Example', name: 'Sam' });
    expect(viaMail).toMatchObject({ created: true, organizationId: acme.id });
    expect(await findOrCreateRequester(app.database.db, app.context.clock, { email: 'sam@it.acme.example' })).toMatchObject({ userId: viaMail.userId, created: false });
    const outsider = await findOrCreateRequester(app.database.db, app.context.clock, { email: 'lee@elsewhere.example' });
    expect(outsider.organizationId).toBeNull();
    expect((await findPeople(app.database.db, 'sam')).map((p) => p.email)).toEqual(['sam@it.acme.example']);
    expect((await as(adminToken).post('/api/v1/organizations', { name: 'Other', domains: ['acme.example'] })).statusCode).toBe(409);
  });

  it('creates a team from name and tier, then sets its members and leads', async () => {
    const created = await as(adminToken).post('/api/v1/teams', { name: 'Service Desk', tier: 1 });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({ name: 'Service Desk', tier: 1, description: '', members: [] });
    const lead = await createUser(app.database.db, { role: 'team_lead', name: 'Lee Lead' });
    const agent = await createUser(app.database.db, { role: 'agent', name: 'Ann Agent' });
    const requester = await createUser(app.database.db, { role: 'requester' });
    const set = await as(adminToken).put(`/api/v1/teams/${team.id}/members`, { members: [{ userId: lead.id, isLead: true }, { userId: agent.id }] });
    expect(set.json().members).toEqual([
      { userId: agent.id, name: 'Ann Agent', isLead: false },
      { userId: lead.id, name: 'Lee Lead', isLead: true },
    ]);
    const leadToken = await createApiToken(app.database.db, lead.id, 'read');
    expect((await as(leadToken).get('/api/v1/me')).json()).toMatchObject({ teamIds: [team.id], leadTeamIds: [team.id] });
    const bad = await as(adminToken).put(`/api/v1/teams/${team.id}/members`, { members: [{ userId: requester.id }] });
    expect(bad.statusCode).toBe(400);
    expect((await as(adminToken).get(`/api/v1/teams/${team.id}`)).json().members).toHaveLength(2);
    expect((await as(adminToken).post('/api/v1/teams', { name: 'Service Desk', tier: 2 })).statusCode).toBe(409);
  });
});
