import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { parseJson } from '../../platform/db/column-types.js';
import { testDatabases } from '../../test/databases.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { sessionCookieFrom, signInAs } from './session-test-helpers.js';

describe.each(testDatabases)('password reset and magic links on %s', (dialect) => {
  let app: TestApp;
  let agent: TestUser;
  let requester: TestUser;
  const clock = createFixedClock('2026-11-23T09:00:00.000Z');
  const post = (url: string, payload: object) => app.http.inject({ method: 'POST', url, payload });

  async function linkTokenSentTo(email: string): Promise<string> {
    const rows = await app.database.db.selectFrom('outbox').selectAll().where('recipient', '=', email).orderBy('id', 'desc').execute();
    const payload = parseJson<{ link: string; text: string }>(rows[0]!.payload);
    expect(payload.text).toContain(payload.link);
    return new URL(payload.link).searchParams.get('token')!;
  }

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00.000Z');
    app = await createTestApp(dialect, { clock, env: { PUBLIC_URL: 'https://help.example.com' } });
    agent = await createUser(app.database.db, { role: 'agent' });
    requester = await createUser(app.database.db, { role: 'requester', password: null });
  });
  afterEach(async () => {
    await app.stop();
  });

  it('answers 202 for known and unknown addresses alike, and mails only the known one', async () => {
    const known = await post('/api/v1/auth/password-reset', { email: agent.email });
    const unknown = await post('/api/v1/auth/password-reset', { email: 'nobody@example.com' });
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    const outbox = await app.database.db.selectFrom('outbox').select(['kind', 'recipient', 'subject', 'relatedUserId', 'status']).execute();
    expect(outbox).toEqual([{ kind: 'email', recipient: agent.email, subject: 'Reset your Linchpin password', relatedUserId: agent.id, status: 'pending' }]);
    const token = await linkTokenSentTo(agent.email);
    const stored = await app.database.db.selectFrom('authTokens').select(['tokenHash', 'purpose', 'expiresAt']).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]).toMatchObject({ purpose: 'password_reset', expiresAt: '2026-11-23T10:00:00.000Z' });
  });

  it('sets a new password once, ends every session, and refuses the link a second time', async () => {
    const session = await signInAs(app, agent.email, agent.password!);
    await post('/api/v1/auth/password-reset', { email: agent.email });
    const token = await linkTokenSentTo(agent.email);

    const weak = await post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'weak_password', message: 'A password needs at least 12 characters.' });

    const done = await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(done.statusCode).toBe(204);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { email: agent.email, password: agent.password })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { email: agent.email, password: 'a brand new passphrase' })).statusCode).toBe(200);

    const again = await post('/api/v1/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
    expect((await post('/api/v1/auth/login', { email: agent.email, password: 'a brand new passphrase' })).statusCode).toBe(200);
    const audit = await app.database.db.selectFrom('auditEvents').select(['action', 'entityId', 'actorId']).execute();
    expect(audit).toEqual([{ action: 'user.password_reset', entityId: String(agent.id), actorId: agent.id }]);
  });

  it('refuses an expired reset link and changes nothing', async () => {
    await post('/api/v1/auth/password-reset', { email: agent.email });
    const token = await linkTokenSentTo(agent.email);
    clock.advance(60 * 60_000);
    const expired = await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('invalid_token');
    expect((await post('/api/v1/auth/login', { email: agent.email, password: agent.password })).statusCode).toBe(200);
    expect(await app.database.db.selectFrom('auditEvents').select('id').execute()).toEqual([]);
  });

  it('signs a requester without a password in by an emailed link, once', async () => {
    const asked = await post('/api/v1/auth/magic-link', { email: requester.email });
    expect(asked.statusCode).toBe(202);
    const token = await linkTokenSentTo(requester.email);
    const signedIn = await post('/api/v1/auth/magic-link/consume', { token });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ id: requester.id, role: 'requester', permissions: ['portal.use'] });
    const cookie = sessionCookieFrom(signedIn.headers['set-cookie']);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json().id).toBe(requester.id);

    const reused = await post('/api/v1/auth/magic-link/consume', { token });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('invalid_token');
    expect(reused.headers['set-cookie']).toBeUndefined();
  });

  it('lets a magic link expire after 15 minutes, and keeps the two kinds of link apart', async () => {
    await post('/api/v1/auth/magic-link', { email: requester.email });
    const token = await linkTokenSentTo(requester.email);
    expect((await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' })).json().error.code).toBe('invalid_token');
    clock.advance(15 * 60_000);
    expect((await post('/api/v1/auth/magic-link/consume', { token })).json().error.code).toBe('invalid_token');
    expect(await app.database.db.selectFrom('sessions').select('idHash').execute()).toEqual([]);
  });

  it('sends at most five links of a kind per hour to one person, and still answers 202', async () => {
    for (let n = 0; n < 7; n++) expect((await post('/api/v1/auth/magic-link', { email: requester.email })).statusCode).toBe(202);
    expect(await app.database.db.selectFrom('outbox').select('id').execute()).toHaveLength(5);
    clock.advance(60 * 60_000 + 1);
    await post('/api/v1/auth/magic-link', { email: requester.email });
    expect(await app.database.db.selectFrom('outbox').select('id').execute()).toHaveLength(6);
  });

  it('mails nothing to a deactivated person', async () => {
    await app.database.db.updateTable('users').set({ isActive: false }).where('id', '=', requester.id).execute();
    expect((await post('/api/v1/auth/magic-link', { email: requester.email })).statusCode).toBe(202);
    expect(await app.database.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });
});
