import net from 'node:net';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { systemClock } from '../platform/clock.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { openConfiguredDatabase } from '../platform/db/open.js';
import { removePidFile, writePidFile } from '../platform/pid-file.js';
import { createAdmin, hasActiveAdmin } from '../modules/identity/admin-bootstrap.js';
import { ensureBuiltInRoles } from '../modules/identity/built-in-roles.js';
import { UsageError, type Command } from './command.js';

export const startCommand: Command = {
  name: 'start',
  summary: 'Serve the helpdesk (the default command)',
  usage: 'linchpin start',
  options: {},
  async run() {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    await migrateToLatest(database.db);
    await ensureBuiltInRoles(database.db, systemClock);

    // The port is checked before the first admin is created: a start that cannot listen must not use up the
    // one-time password, and the admin must exist by the time /healthz answers.
    try {
      await assertCanListen(config.host, config.port);
    } catch (error) {
      await database.close().catch(() => undefined);
      throw listenError(error, config.host, config.port);
    }
    if (!(await hasActiveAdmin(database.db))) {
      const admin = await createAdmin(database.db, systemClock, { minLength: config.passwordMinLength }, {
        email: 'admin@linchpin.local',
        name: 'Administrator',
      });
      // Printed once, to the terminal only (never into the JSON log): the desk has no default password.
      process.stderr.write(
        `\n  First run: created the admin account.\n  Sign in at ${config.publicUrl}/desk as ${admin.email}\n  with the password ${admin.generatedPassword}\n  (shown only now; change it under your profile, or run \`npx linchpin create-admin\`).\n\n`,
      );
    }

    const app = await buildApp({ config, database });
    try {
      await app.http.listen({ host: config.host, port: config.port });
    } catch (error) {
      await app.close().catch(() => undefined);
      await database.close().catch(() => undefined);
      throw listenError(error, config.host, config.port);
    }
    if (!config.databaseUrl) writePidFile(config.dataDir);

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.http.log.info({ signal }, 'shutting down: finishing requests in flight');
      // Requests in flight get the grace period; then open connections are cut so we exit in time.
      const deadline = setTimeout(() => {
        app.http.log.warn('grace period over: closing remaining connections');
        app.http.server.closeAllConnections();
      }, config.shutdownGraceSeconds * 1000);
      deadline.unref();
      app
        .close()
        .then(() => database.close())
        .then(() => {
          removePidFile(config.dataDir);
          app.http.log.info('stopped');
          process.exit(0);
        })
        .catch((error: unknown) => {
          app.http.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    return 'keep-running';
  },
};

/** Binds and releases the port, so a busy port is reported before anything is written. */
async function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** One clear line for the ways listening fails; anything else stays an unexpected failure. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new UsageError(`Port ${port} on ${host} is already in use: stop the other program or set PORT to a free port.`);
  if (code === 'EACCES') return new UsageError(`Not allowed to listen on ${host}:${port}: choose a PORT above 1023 or run with the needed rights.`);
  if (code === 'EADDRNOTAVAIL') return new UsageError(`HOST=${host} is not an address of this machine.`);
  return error;
}
