import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import type { Clock } from '../platform/clock.js';
import { openSecondHandle, type TestDatabase } from './databases.js';

export interface TestInstance extends App {
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * Another app instance on an existing test database, as when several Linchpin processes share one
 * PostgreSQL: its own connection pool, scheduler and event bus. Background work is not started;
 * call `context.events.start()` / `context.jobs.start()` as the test needs.
 */
export async function startInstanceOn(
  database: TestDatabase,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestInstance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-instance-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0', JOB_POLL_INTERVAL_MS: '50', ...options.env });
  const handle = await openSecondHandle(database);
  const app = await buildApp({ config, database: handle, serveWebApp: false, ...(options.clock ? { clock: options.clock } : {}) });
  await app.http.ready();
  return {
    ...app,
    database: handle,
    async stop() {
      await app.close();
      await handle.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
