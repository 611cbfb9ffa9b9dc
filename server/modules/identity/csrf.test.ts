import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { browser, signInAs, type BrowserSession } from './session-test-helpers.js';

describe.each(testDatabases)('CSRF protection on %s', (dialect) => {
  let app: TestApp;
  let admin: TestUser;
  let session: BrowserSession;

  beforeEach(async () => {
    app = await createTestApp(dialect);
    admin = await createUser(app.database.db, { role: 'admin' });
    session = await signInAs(app, admin.email, admin.password!);
  });
  afterEach(async () => {
    await app.stop();
  });

  const newUser = { name: 'Mallory Planted', email: 'mallory@example.com', role: 'admin', password: 'a long enough password' };

  it('changes nothing for a stolen session cookie sent without the CSRF token', async () => {
    const attempts = [
      app.http.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: session.cookie }, payload: newUser }),
      app.http.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: session.cookie, 'x-csrf-token': 'guessed' }, payload: newUser }),
      app.http.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: session.cookie }, payload: { name: 'Owned' } }),
      app.http.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: session.cookie }, payload: { name: 'exfiltrate', scope: 'admin' } }),
      app.http.inject({ method: 'POST', url: '/api/v1/teams', headers: { cookie: session.cookie }, payload: { name: 'Shadow', tier: 1 } }),
      app.http.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', headers: { cookie: session.cookie } }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf_token_invalid');
    }
    const db = app.database.db;
    expect(await db.selectFrom('userEmails').select('email').where('email', '=', 'mallory@example.com').execute()).toEqual([]);
    expect(await db.selectFrom('apiTokens').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('teams').select('id').execute()).toEqual([]);
    expect((await db.selectFrom('users').select('name').where('id', '=', admin.id).executeTakeFirstOrThrow()).name).toBe(admin.name);
    expect(await db.selectFrom('sessions').select('idHash').execute()).toHaveLength(1);
    expect(await db.selectFrom('auditEvents').select('id').execute()).toEqual([]);
  });

  it('lets reads through with the cookie alone, and changes with the session token', async () => {
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    const created = await app.http.inject({ method: 'POST', url: '/api/v1/users', headers: browser(session), payload: newUser });
    expect(created.statusCode).toBe(201);
  });

  it('does not accept the token of another session', async () => {
    const other = await signInAs(app, admin.email, admin.password!);
    const response = await app.http.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: session.cookie, 'x-csrf-token': other.csrfToken }, payload: { name: 'x' } });
    expect(response.json().error.code).toBe('csrf_token_invalid');
  });

  it('does not ask Bearer-token callers for a CSRF token', async () => {
    const token = await createApiToken(app.database.db, admin.id, 'admin');
    const response = await app.http.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(token), payload: { name: 'Renamed By Script' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().name).toBe('Renamed By Script');
  });
});
