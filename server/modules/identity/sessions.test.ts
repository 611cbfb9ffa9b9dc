import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { hashToken } from '../../platform/secrets.js';
import { testDatabases } from '../../test/databases.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { browser, sessionCookieFrom, signInAs } from './session-test-helpers.js';

describe.each(testDatabases)('sessions on %s', (dialect) => {
  let app: TestApp;
  let agent: TestUser;
  const clock = createFixedClock('2026-11-23T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00.000Z');
    app = await createTestApp(dialect, { clock, env: { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '8' } });
    agent = await createUser(app.database.db, { role: 'agent' });
  });
  afterEach(async () => {
    await app.stop();
  });

  it('signs in with email and password, sets an HttpOnly SameSite=Lax cookie and stores only its hash', async () => {
    const response = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email.toUpperCase(), password: agent.password } });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^linchpin_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');
    const body = response.json();
    expect(body.user).toMatchObject({ id: agent.id, email: agent.email, role: 'agent', emails: [agent.email] });
    expect(body.user.permissions).toContain('tickets.view');
    expect(body.csrfToken).toEqual(expect.any(String));
    const value = sessionCookieFrom(response.headers['set-cookie']).split('=')[1]!;
    const rows = await app.database.db.selectFrom('sessions').select(['idHash', 'userId']).execute();
    expect(rows).toEqual([{ idHash: hashToken(value), userId: agent.id }]);
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const proxied = await createTestApp(dialect, { clock, env: { TRUST_PROXY: 'true' } });
    try {
      const user = await createUser(proxied.database.db, { role: 'agent' });
      const response = await proxied.http.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: user.password },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(response.headers['set-cookie'])).toContain('Secure');
    } finally {
      await proxied.stop();
    }
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: 'not the password at all' } });
    const unknown = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.com', password: 'not the password at all' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('shows the caller at /me with the CSRF token, and rotates the session id at sign-in', async () => {
    const first = await signInAs(app, agent.email, agent.password!);
    const me = await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: first.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: agent.id, name: agent.name, role: 'agent', csrfToken: first.csrfToken, timeZone: 'UTC', locale: 'en' });

    // Signing in again from the same browser replaces the session: the old id is dead.
    const second = await signInAs(app, agent.email, agent.password!, { cookie: first.cookie });
    expect(second.value).not.toBe(first.value);
    const old = await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: first.cookie } });
    expect(old.statusCode).toBe(401);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: second.cookie } })).statusCode).toBe(200);
    expect(await app.database.db.selectFrom('sessions').select('idHash').execute()).toEqual([{ idHash: hashToken(second.value) }]);
  });

  it('ends a session after the idle timeout, and keeps an active one alive until it', async () => {
    const session = await signInAs(app, agent.email, agent.password!);
    clock.advance(29 * 60_000);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    clock.advance(29 * 60_000); // 58 minutes after sign-in, 29 after the last request
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    clock.advance(30 * 60_000);
    const expired = await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('session_expired');
    expect(String(expired.headers['set-cookie'])).toContain('linchpin_session=;');
  });

  it('ends a session at the absolute timeout however active it is', async () => {
    const session = await signInAs(app, agent.email, agent.password!);
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      clock.set(new Date(Date.parse('2026-11-23T09:00:00.000Z') + minutes * 60_000));
      expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    }
    clock.set('2026-11-23T17:00:00.000Z');
    const expired = await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(expired.json().error.code).toBe('session_expired');
  });

  it('signs out this session, or every session of the person', async () => {
    const laptop = await signInAs(app, agent.email, agent.password!);
    const phone = await signInAs(app, agent.email, agent.password!);
    const tablet = await signInAs(app, agent.email, agent.password!);
    const out = await app.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: browser(laptop) });
    expect(out.statusCode).toBe(204);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: laptop.cookie } })).statusCode).toBe(401);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: phone.cookie } })).statusCode).toBe(200);

    const everywhere = await app.http.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', headers: browser(phone) });
    expect(everywhere.statusCode).toBe(204);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: tablet.cookie } })).statusCode).toBe(401);
    expect(await app.database.db.selectFrom('sessions').select('idHash').execute()).toEqual([]);
  });

  it('ends the sessions of a deactivated person at their next request', async () => {
    const session = await signInAs(app, agent.email, agent.password!);
    await app.database.db.updateTable('users').set({ isActive: false }).where('id', '=', agent.id).execute();
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect(await app.database.db.selectFrom('sessions').select('idHash').execute()).toEqual([]);
  });

  it('lets a Bearer token win over a cookie of someone else', async () => {
    const session = await signInAs(app, agent.email, agent.password!);
    const other = await createUser(app.database.db, { role: 'manager' });
    const { createApiToken, bearer } = await import('../../test/factories.js');
    const token = await createApiToken(app.database.db, other.id, 'read');
    const me = await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie, ...bearer(token) } });
    expect(me.json()).toMatchObject({ id: other.id, role: 'manager' });
    expect(me.json().csrfToken).toBeUndefined();
  });
});
