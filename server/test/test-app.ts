import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { Clock } from '../platform/clock.js';
import type { Dialect } from '../platform/db/database.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestApp extends App {
  database: TestDatabase;
  config: Config;
  /** Base URL when started with `listen: true`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The whole app over a fresh database. By default requests go through `app.http.inject` (no port);
 * pass `listen: true` for a real HTTP server on a free loopback port.
 */
export async function createTestApp(
  dialect: Dialect,
  options: { clock?: Clock; listen?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-data-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0', JOBS_ENABLED: 'false', ...options.env });
  const database = await createTestDatabase(dialect, options.clock ? { clock: options.clock } : {});
  const app = await buildApp({ config, database, serveWebApp: false, ...(options.clock ? { clock: options.clock } : {}) });
  let url = '';
  if (options.listen) {
    await app.http.listen({ host: '127.0.0.1', port: 0 });
    const address = app.http.server.address();
    if (address && typeof address === 'object') url = `http://127.0.0.1:${address.port}`;
  } else {
    await app.http.ready();
  }
  return {
    ...app,
    database,
    config,
    url,
    async stop() {
      await app.close();
      await database.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
