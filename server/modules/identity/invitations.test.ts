import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { parseJson } from '../../platform/db/column-types.js';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { sessionCookieFrom } from './session-test-helpers.js';

describe.each(testDatabases)('user invitations on %s', (dialect) => {
  let app: TestApp;
  let admin: TestUser;
  let adminToken: string;
  let invitee: TestUser;
  const clock = createFixedClock('2026-11-23T09:00:00.000Z');
  const post = (url: string, payload: object, headers: Record<string, string> = {}) => app.http.inject({ method: 'POST', url, payload, headers });
  const invite = (id: number | string, token = adminToken) => app.http.inject({ method: 'POST', url: `/api/v1/users/${id}/invitation`, headers: bearer(token) });
  const login = (email: string, password: string) => post('/api/v1/auth/login', { email, password });

  async function outboxTo(email: string) {
    return app.database.db.selectFrom('outbox').selectAll().where('recipient', '=', email).orderBy('id', 'desc').execute();
  }

  async function invitationLinkSentTo(email: string): Promise<URL> {
    const rows = await outboxTo(email);
    expect(rows[0]).toBeDefined();
    const payload = parseJson<{ template: string; link: string; text: string }>(rows[0]!.payload);
    expect(payload.template).toBe('invitation');
    expect(payload.text).toContain(payload.link);
    return new URL(payload.link);
  }

  async function nothingChanged() {
    expect(await app.database.db.selectFrom('outbox').select('id').execute()).toEqual([]);
    expect(await app.database.db.selectFrom('authTokens').select('id').execute()).toEqual([]);
    expect(await app.database.db.selectFrom('auditEvents').select('id').where('action', '=', 'user.invited').execute()).toEqual([]);
  }

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00.000Z');
    app = await createTestApp(dialect, { clock, env: { PUBLIC_URL: 'https://help.example.com' } });
    admin = await createUser(app.database.db, { role: 'admin', name: 'Ada Admin' });
    adminToken = await createApiToken(app.database.db, admin.id, 'admin');
    invitee = await createUser(app.database.db, { role: 'agent', name: 'Ivo Invitee', password: null });
  });
  afterEach(async () => {
    await app.stop();
  });

  it('mails an invitation with a working link to the set-password page, and audits it', async () => {
    const response = await invite(invitee.id);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ sentTo: invitee.email });

    const rows = await outboxTo(invitee.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'email', subject: 'You are invited to Linchpin', relatedUserId: invitee.id, status: 'pending' });
    const link = await invitationLinkSentTo(invitee.email);
    expect(`${link.origin}${link.pathname}`).toBe('https://help.example.com/reset-password');
    const token = link.searchParams.get('token')!;
    const stored = await app.database.db.selectFrom('authTokens').select(['tokenHash', 'purpose', 'expiresAt', 'userId']).execute();
    expect(stored).toEqual([{ tokenHash: expect.not.stringContaining(token), purpose: 'invitation', expiresAt: '2026-11-30T09:00:00.000Z', userId: invitee.id }]);
    const audit = await app.database.db.selectFrom('auditEvents').select(['action', 'actorId', 'entityId']).where('action', '=', 'user.invited').execute();
    expect(audit).toEqual([{ action: 'user.invited', actorId: admin.id, entityId: String(invitee.id) }]);
  });

  it('names the desk in the subject', async () => {
    const patched = await app.http.inject({ method: 'PATCH', url: '/api/v1/desk-settings', payload: { deskName: 'Acme Help' }, headers: bearer(adminToken) });
    expect(patched.statusCode).toBe(200);
    await invite(invitee.id);
    expect((await outboxTo(invitee.email))[0]!.subject).toBe('You are invited to Acme Help');
  });

  it('sets the password through the link once, then the person signs in; a second use is refused', async () => {
    await invite(invitee.id);
    const token = (await invitationLinkSentTo(invitee.email)).searchParams.get('token')!;

    const weak = await post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.json().error.code).toBe('weak_password');

    const done = await post('/api/v1/auth/password-reset/confirm', { token, password: 'my own long passphrase' });
    expect(done.statusCode).toBe(204);
    const signedIn = await login(invitee.email, 'my own long passphrase');
    expect(signedIn.statusCode).toBe(200);
    const cookie = sessionCookieFrom(signedIn.headers['set-cookie']);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json().id).toBe(invitee.id);

    const again = await post('/api/v1/auth/password-reset/confirm', { token, password: 'someone elses passphrase' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
    expect((await login(invitee.email, 'someone elses passphrase')).statusCode).toBe(401);
    const audit = await app.database.db.selectFrom('auditEvents').select(['action', 'actorId']).where('entityId', '=', String(invitee.id)).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'user.invited', actorId: admin.id },
      { action: 'user.invitation_accepted', actorId: invitee.id },
    ]);
  });

  it('refuses an invitation after seven days and changes nothing', async () => {
    await invite(invitee.id);
    const token = (await invitationLinkSentTo(invitee.email)).searchParams.get('token')!;
    clock.advance(7 * 24 * 60 * 60_000);
    const expired = await post('/api/v1/auth/password-reset/confirm', { token, password: 'my own long passphrase' });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('invalid_token');
    const row = await app.database.db.selectFrom('users').select('passwordHash').where('id', '=', invitee.id).executeTakeFirstOrThrow();
    expect(row.passwordHash).toBeNull();
    expect((await login(invitee.email, 'my own long passphrase')).statusCode).toBe(401);
  });

  it('does not sign anyone in with an invitation used as a magic link', async () => {
    await invite(invitee.id);
    const token = (await invitationLinkSentTo(invitee.email)).searchParams.get('token')!;
    expect((await post('/api/v1/auth/magic-link/consume', { token })).json().error.code).toBe('invalid_token');
    // The refused attempt left the invitation usable.
    expect((await post('/api/v1/auth/password-reset/confirm', { token, password: 'my own long passphrase' })).statusCode).toBe(204);
  });

  it('refuses requesters (403) and agents (403) and changes nothing', async () => {
    const requester = await createUser(app.database.db, { role: 'requester' });
    const agent = await createUser(app.database.db, { role: 'agent' });
    for (const user of [requester, agent]) {
      const token = await createApiToken(app.database.db, user.id, 'admin');
      const response = await invite(invitee.id, token);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toMatch(/^(forbidden|insufficient_scope)$/);
    }
    expect((await app.http.inject({ method: 'POST', url: `/api/v1/users/${invitee.id}/invitation` })).statusCode).toBe(401);
    await nothingChanged();
  });

  it('lets a manager invite people below them but not an admin', async () => {
    const manager = await createUser(app.database.db, { role: 'manager' });
    const managerToken = await createApiToken(app.database.db, manager.id, 'admin');
    expect((await invite(invitee.id, managerToken)).statusCode).toBe(202);
    const otherAdmin = await createUser(app.database.db, { role: 'admin', password: null });
    const refused = await invite(otherAdmin.id, managerToken);
    expect(refused.statusCode).toBe(403);
    expect(await outboxTo(otherAdmin.email)).toEqual([]);
  });

  it('answers bad ids with 400 and unknown people with 404, and changes nothing', async () => {
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const response = await invite(bad);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    const unknown = await invite(999_999);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    await nothingChanged();
  });

  it('answers 409 for a deactivated person or a service account, and changes nothing', async () => {
    const gone = await createUser(app.database.db, { role: 'agent', isActive: false });
    const deactivated = await invite(gone.id);
    expect(deactivated.statusCode).toBe(409);
    expect(deactivated.json().error.code).toBe('conflict');
    const robot = await post('/api/v1/users', { name: 'Build robot', email: 'robot@example.com', role: 'agent', isServiceAccount: true }, bearer(adminToken));
    expect(robot.statusCode).toBe(201);
    const service = await invite(robot.json().id);
    expect(service.statusCode).toBe(409);
    expect(service.json().error.code).toBe('conflict');
    await nothingChanged();
  });

  it('refuses a pending invitation once the person is deactivated', async () => {
    await invite(invitee.id);
    const token = (await invitationLinkSentTo(invitee.email)).searchParams.get('token')!;
    await app.http.inject({ method: 'PATCH', url: `/api/v1/users/${invitee.id}`, payload: { isActive: false }, headers: bearer(adminToken) });
    expect((await post('/api/v1/auth/password-reset/confirm', { token, password: 'my own long passphrase' })).json().error.code).toBe('invalid_token');
  });

  it('creates and invites in one call, and keeps the plain create working unchanged', async () => {
    const created = await post('/api/v1/users', { name: 'Nia New', email: 'Nia@Example.com', role: 'agent', invite: true }, bearer(adminToken));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Nia New', email: 'nia@example.com', hasPassword: false });
    const token = (await invitationLinkSentTo('nia@example.com')).searchParams.get('token')!;
    expect((await post('/api/v1/auth/password-reset/confirm', { token, password: 'nia chose this one' })).statusCode).toBe(204);
    expect((await login('nia@example.com', 'nia chose this one')).statusCode).toBe(200);

    const plain = await post('/api/v1/users', { name: 'Pat Plain', email: 'pat@example.com', role: 'agent', password: 'correct horse battery' }, bearer(adminToken));
    expect(plain.statusCode).toBe(201);
    expect(await outboxTo('pat@example.com')).toEqual([]);
    expect((await login('pat@example.com', 'correct horse battery')).statusCode).toBe(200);
  });

  it('refuses invite with a password or for a service account at creation, and creates nothing', async () => {
    const both = await post('/api/v1/users', { name: 'Bo Both', email: 'bo@example.com', role: 'agent', password: 'correct horse battery', invite: true }, bearer(adminToken));
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toMatchObject({ code: 'invalid_field', details: { field: 'invite' } });
    const robot = await post('/api/v1/users', { name: 'Robot', email: 'robot@example.com', role: 'agent', isServiceAccount: true, invite: true }, bearer(adminToken));
    expect(robot.statusCode).toBe(400);
    const notBoolean = await post('/api/v1/users', { name: 'Nb', email: 'nb@example.com', role: 'agent', invite: 'yes' }, bearer(adminToken));
    expect(notBoolean.statusCode).toBe(400);
    const emails = await app.database.db.selectFrom('userEmails').select('email').where('email', 'in', ['bo@example.com', 'robot@example.com', 'nb@example.com']).execute();
    expect(emails).toEqual([]);
    await nothingChanged();
  });
});
