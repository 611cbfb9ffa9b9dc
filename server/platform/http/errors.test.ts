import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';

/**
 * The whole app plus one probe route that takes a JSON body, so the platform's handling of bodies
 * (parsing, content type, size, validation) is seen exactly as a client of any real route sees it.
 */
async function appWithProbe(database: TestDatabase, dataDir: string): Promise<App> {
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', DATA_DIR: dataDir, JOBS_ENABLED: 'false', BODY_LIMIT_BYTES: '2048' });
  const app = await buildApp({ config, database, serveWebApp: false });
  app.http.post(
    '/api/v1/probe',
    {
      config: { access: 'public' },
      schema: { hide: true, body: z.object({ subject: z.string().min(1), priority: z.enum(['low', 'high']) }) },
    },
    async (request) => ({ received: request.body }),
  );
  await app.http.ready();
  return app;
}

const errorBody = (code: string) => ({ error: { code, message: expect.any(String) } });

describe.each(testDatabases)('HTTP error bodies on %s', (dialect) => {
  let database: TestDatabase;
  let dataDir: string;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-http-'));
    app = await appWithProbe(database, dataDir);
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (payload: string, contentType = 'application/json') =>
    app.http.inject({ method: 'POST', url: '/api/v1/probe', payload, headers: { 'content-type': contentType } });

  it('accepts a well-formed request (the probe works)', async () => {
    const response = await post(JSON.stringify({ subject: 'Printer on fire', priority: 'high' }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: { subject: 'Printer on fire', priority: 'high' } });
  });

  it('answers an unknown route with 404 route_not_found', async () => {
    const response = await app.http.inject({ method: 'GET', url: '/api/v1/no-such-thing?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ error: { code: 'route_not_found', message: 'There is no GET /api/v1/no-such-thing.' } });
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await post('{"subject": "Printer on fire",');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(errorBody('malformed_json'));
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    'answers a %s body with 415 unsupported_media_type',
    async (contentType) => {
      const response = await post('subject=Printer', contentType);
      expect(response.statusCode).toBe(415);
      expect(response.json()).toEqual(errorBody('unsupported_media_type'));
    },
  );

  it('answers a body over BODY_LIMIT_BYTES with 413 payload_too_large', async () => {
    const response = await post(JSON.stringify({ subject: 'x'.repeat(4096), priority: 'low' }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual(errorBody('payload_too_large'));
  });

  it('answers text holding a NUL character, in the body or the query string, with 400 invalid_field', async () => {
    for (const payload of [JSON.stringify({ subject: 'Printer\u0000 on fire', priority: 'high' }), JSON.stringify({ subject: 'Printer', priority: 'high', ['x\u0000']: 1 })]) {
      const response = await post(payload);
      expect(response.statusCode, payload).toBe(400);
      expect(response.json()).toEqual(errorBody('invalid_field'));
    }
    // A backslash followed by "u0000" is text, not NUL.
    const literal = await post(JSON.stringify({ subject: 'C:\\u0000 folder', priority: 'high' }));
    expect(literal.statusCode).toBe(200);
    const query = await app.http.inject({ method: 'GET', url: '/api/v1/search?q=printer%00' });
    expect(query.statusCode).toBe(400);
    expect(query.json()).toEqual(errorBody('invalid_field'));
  });

  it('answers a body that breaks the schema with 400 validation_failed naming each field', async () => {
    const response = await post(JSON.stringify({ subject: '', priority: 'urgent' }));
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; details: { issues: { field: string }[] } } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues.map((issue) => issue.field).sort()).toEqual(['body.priority', 'body.subject']);
  });

  it('echoes a sane x-request-id and replaces one that is not', async () => {
    const kept = await app.http.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'proxy-1234.abc' } });
    expect(kept.headers['x-request-id']).toBe('proxy-1234.abc');

    const replaced = await app.http.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'no spaces <script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const generated = await app.http.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the protective headers on every answer, errors included', async () => {
    const response = await app.http.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
  });
});
