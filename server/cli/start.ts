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

    const app = await buildApp({ config, database });
    try {
      await app.http.listen({ host: config.host, port: config.port });
    } catch (error) {
      await app.close().catch(() => undefined);
      await database.close().catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`Port ${config.port} on ${config.host} is already in use: stop the other program or set PORT to a free port.`);
      if (code === 'EACCES') throw new UsageError(`Not allowed to listen on ${config.host}:${config.port}: choose a PORT above 1023 or run with the needed rights.`);
      if (code === 'EADDRNOTAVAIL') throw new UsageError(`HOST=${config.host} is not an address of this machine.`);
      throw error;
    }
    if (!config.databaseUrl) writePidFile(config.dataDir);

    // Created only once the port is ours: a start that fails to listen must not use up the one-time password.
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
