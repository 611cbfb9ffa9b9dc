import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createTestDatabase, type TestDatabase } from '../../test/databases.js';
import { registerWebApp } from './web-app.js';

/** The built single-page app served next to the API, from a small stand-in build. */
describe('serving the web app', () => {
  let database: TestDatabase;
  let folder: string;
  let app: App;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-web-'));
    const webRoot = path.join(folder, 'web');
    fs.mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Linchpin</title>');
    fs.writeFileSync(path.join(webRoot, 'assets', 'app-3f2a.js'), 'console.info("desk")');
    fs.writeFileSync(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(folder, 'secret.txt'), 'outside the web root');

    database = await createTestDatabase('sqlite');
    const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', DATA_DIR: folder, JOBS_ENABLED: 'false' });
    app = await buildApp({ config, database, serveWebApp: false });
    // Registered after the identity module, as in production: every route it adds must declare its access.
    await registerWebApp(app.http, webRoot);
    await app.http.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const get = (url: string) => app.http.inject({ method: 'GET', url });

  it('answers the app shell for / and for deep links, with a content security policy', async () => {
    for (const url of ['/', '/desk/tickets/1042', '/portal?tab=open']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>Linchpin</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('serves hashed assets cached for a year and other files plainly', async () => {
    const asset = await get('/assets/app-3f2a.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.info("desk")');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const icon = await get('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control'] ?? '').not.toContain('immutable');
  });

  it('answers a missing file or an unknown API route with the JSON 404', async () => {
    for (const url of ['/assets/app-gone.js', '/api/v1/nothing']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ error: { code: 'route_not_found' } });
    }
  });

  it('never serves a file outside the web root', async () => {
    for (const url of ['/assets/..%2f..%2fsecret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const response = await get(url);
      expect([403, 404], url).toContain(response.statusCode);
      expect(response.json(), url).toMatchObject({ error: { code: expect.stringMatching(/^(forbidden|route_not_found)$/) } });
      expect(response.body).not.toContain('outside the web root');
    }
  });
});
