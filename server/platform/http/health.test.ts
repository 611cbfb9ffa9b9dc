import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

describe.each(testDatabases)('health endpoints on %s', (dialect) => {
  let app: TestApp;
  afterEach(async () => app?.stop());

  it('/healthz says the process is alive', async () => {
    app = await createTestApp(dialect);
    const response = await app.http.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('/readyz reports the database reachable and the schema current', async () => {
    app = await createTestApp(dialect);
    const response = await app.http.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', database: { dialect, reachable: true, pendingMigrations: 0 } });
  });

  it('/readyz answers 503 while a migration is pending', async () => {
    app = await createTestApp(dialect);
    const latest = Object.keys(migrations).sort().at(-1)!;
    await sql`delete from schema_migrations where name = ${latest}`.execute(app.database.db);
    const response = await app.http.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'not_ready', database: { dialect, reachable: true, pendingMigrations: 1 } });
  });
});
