import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import { systemClock } from './platform/clock.js';
import type { Database } from './platform/db/database.js';
import type { EventBus } from './platform/events/event-bus.js';
import { createInProcessEventBus } from './platform/events/in-process-bus.js';
import { createPostgresEventBus } from './platform/events/postgres-bus.js';
import { createDatabaseJobScheduler } from './platform/jobs/database-job-scheduler.js';
import type { JobScheduler } from './platform/jobs/job-scheduler.js';
import { registerHealthRoutes } from './platform/http/health.js';
import { createHttpServer, type HttpServer } from './platform/http/server.js';
import { registerWebApp } from './platform/http/web-app.js';
import { packageVersion } from './platform/version.js';
import { registerIdentityModule } from './modules/identity/index.js';
import { registerMailModule } from './modules/mail/index.js';
import { registerTicketsModule } from './modules/tickets/index.js';
import { registerTicketExtras } from './modules/tickets/extras.module.js';
import { registerSlaModule } from './modules/sla/index.js';

/** What every module is built from. Plain values, no container: read app.ts to see how it all connects. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  http: HttpServer;
  /** Domain events after commit; fans out across instances on PostgreSQL. */
  events: EventBus;
  /** Delayed and recurring work in the database; each due job runs once across instances. */
  jobs: JobScheduler;
}

export interface App {
  context: AppContext;
  http: HttpServer;
  /** Stops background work, then closes HTTP and the database. */
  close(): Promise<void>;
}

export interface BuildAppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Serve the built web app (off in API tests). */
  serveWebApp?: boolean;
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webRoot = path.join(projectRoot, 'dist', 'web');

/** The composition root: platform → modules → routes. */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const http = await createHttpServer(config, packageVersion());
  const onHandlerError = (error: unknown, event: { type: string }) => http.log.error({ err: error, eventType: event.type }, 'event handler failed');
  // Several instances share one PostgreSQL, so events fan out through it; SQLite means a single instance.
  const events =
    database.dialect === 'postgres'
      ? createPostgresEventBus({ database, clock, onHandlerError, onError: (error, message) => http.log.error({ err: error }, message) })
      : createInProcessEventBus(onHandlerError);
  const jobs = createDatabaseJobScheduler({
    database,
    clock,
    log: http.log,
    pollIntervalMs: config.jobPollIntervalMs,
    enabled: config.jobsEnabled,
  });
  const context: AppContext = { config, database, clock, http, events, jobs };
  // Background work starts once the server listens (modules have registered their handlers by then).
  http.addHook('onListen', async () => {
    await events.start();
    await jobs.start();
  });

  // Identity first: it authenticates every request and refuses routes without an access policy.
  registerIdentityModule(context);
  registerHealthRoutes(http, database);
  // Modules register here, one line each.
  registerTicketsModule(context);
  registerTicketExtras(context);
  registerSlaModule(context);
  registerMailModule(context);

  if (options.serveWebApp ?? true) await registerWebApp(http, webRoot);

  return {
    context,
    http,
    async close() {
      // Stop taking jobs and requests together; events last, since requests finishing may still publish.
      await Promise.all([jobs.stop(), http.close()]);
      await events.stop();
    },
  };
}
