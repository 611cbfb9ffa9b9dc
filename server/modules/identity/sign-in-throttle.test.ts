import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { testDatabases } from '../../test/databases.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { accountRule, addressRule, delaySeconds } from './sign-in-throttle.js';

describe('sign-in delays', () => {
  it('are free for the first four failures of an account, then 2, 4, 8 … seconds up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => delaySeconds(n, accountRule))).toEqual([0, 0, 0, 0, 2, 4, 8, 16]);
    expect(delaySeconds(13, accountRule)).toBe(512);
    expect(delaySeconds(14, accountRule)).toBe(900);
    expect(delaySeconds(1000, accountRule)).toBe(900);
  });
  it('tolerate more failures from one address, which many people may share', () => {
    expect(delaySeconds(19, addressRule)).toBe(0);
    expect(delaySeconds(20, addressRule)).toBe(2);
  });
});

describe.each(testDatabases)('sign-in throttling on %s', (dialect) => {
  let app: TestApp;
  let agent: TestUser;
  const clock = createFixedClock('2026-11-23T09:00:00.000Z');
  const login = (email: string, password: string, ip = '203.0.113.7') =>
    app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00.000Z');
    app = await createTestApp(dialect, { clock });
    agent = await createUser(app.database.db, { role: 'agent' });
  });
  afterEach(async () => {
    await app.stop();
  });

  it('refuses the right password after twenty wrong ones, until the delay has passed', async () => {
    const answers: number[] = [];
    for (let attempt = 0; attempt < 20; attempt++) answers.push((await login(agent.email, `wrong password ${attempt}`)).statusCode);
    expect(answers.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(answers.slice(5)).toEqual(Array(15).fill(429));

    const refused = await login(agent.email, agent.password!);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_requests');
    // The fifth failure started a 2-second delay; refused attempts during it do not extend it.
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.headers['set-cookie']).toBeUndefined();

    clock.advance(1_000);
    expect((await login(agent.email, agent.password!)).statusCode).toBe(429);
    clock.advance(1_000);
    expect((await login(agent.email, agent.password!)).statusCode).toBe(200);
  });

  it('grows the delay with each failure that is counted', async () => {
    for (let attempt = 0; attempt < 5; attempt++) await login(agent.email, 'wrong password!!');
    clock.advance(2_000);
    expect((await login(agent.email, 'wrong password!!')).statusCode).toBe(401); // sixth failure: 4 s
    const blocked = await login(agent.email, agent.password!);
    expect(blocked.headers['retry-after']).toBe('4');
  });

  it('throttles an unknown address exactly like a known one', async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const a = await login(agent.email, 'wrong password!!', '198.51.100.1');
      const b = await login('nobody@example.com', 'wrong password!!', '198.51.100.2');
      known.push(`${a.statusCode} ${a.headers['retry-after'] ?? ''} ${a.body}`);
      unknown.push(`${b.statusCode} ${b.headers['retry-after'] ?? ''} ${b.body}`);
    }
    expect(unknown).toEqual(known);
  });

  it('counts failures per address across accounts (password spraying)', async () => {
    for (let n = 0; n < 20; n++) await login(`person${n}@example.com`, 'Winter2026!!!!', '192.0.2.50');
    expect((await login(agent.email, agent.password!, '192.0.2.50')).statusCode).toBe(429);
    expect((await login(agent.email, agent.password!, '192.0.2.51')).statusCode).toBe(200);
  });

  it('keeps the count in the database, shared by every instance', async () => {
    for (let attempt = 0; attempt < 5; attempt++) await login(agent.email, 'wrong password!!');
    const rows = await app.database.db.selectFrom('signInThrottles').select(['key', 'failures', 'blockedUntil']).orderBy('key').execute();
    expect(rows).toEqual([
      { key: `account:${agent.email}`, failures: 5, blockedUntil: '2026-11-23T09:00:02.000Z' },
      { key: 'address:203.0.113.7', failures: 5, blockedUntil: '2026-11-23T09:00:00.000Z' },
    ]);
  });

  it('forgets the account failures after a successful sign-in', async () => {
    for (let attempt = 0; attempt < 4; attempt++) await login(agent.email, 'wrong password!!');
    expect((await login(agent.email, agent.password!)).statusCode).toBe(200);
    expect((await login(agent.email, 'wrong password!!')).statusCode).toBe(401);
    expect((await login(agent.email, agent.password!)).statusCode).toBe(200);
  });
});
