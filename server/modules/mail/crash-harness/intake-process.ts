/**
 * A mail intake process for the crash-safety test: the real SMTP listener and intake on a SQLite file,
 * started by crash-harness/run.mjs. With CRASH=before-commit it kills itself with SIGKILL inside the
 * import transaction (rows written, nothing committed); with CRASH=after-commit right after the commit,
 * before the listener can answer 250. A real process death, not a thrown error.
 */
import { systemClock } from '../../../platform/clock.js';
import { openDatabase } from '../../../platform/db/database.js';
import { createInProcessEventBus } from '../../../platform/events/in-process-bus.js';
import pino from 'pino';
import { createEmailIntake, type EmailIntake } from '../../tickets/index.js';
import { createMailIngestService } from '../mail-ingest.service.js';
import { createSmtpListener } from '../smtp-listener.js';

export async function main(options: { sqliteFile: string; dataDir: string; crash: string }): Promise<number> {
  const database = await openDatabase({ sqliteFile: options.sqliteFile });
  const events = createInProcessEventBus(() => undefined);
  const real = createEmailIntake({ db: database.db, dialect: database.dialect, clock: systemClock, events, reopenWindowDays: 7 });
  const die = () => process.kill(process.pid, 'SIGKILL');
  const intake: EmailIntake = {
    ...real,
    async openTicket(tx, input) {
      const result = await real.openTicket(tx, input);
      if (options.crash === 'before-commit') die();
      return result;
    },
    async publish(pending, at) {
      // publish runs after the commit and before the listener's 250.
      if (options.crash === 'after-commit') die();
      await real.publish(pending, at);
    },
  };
  const ingest = createMailIngestService({ database, clock: systemClock, intake, dataDir: options.dataDir, senderLimitPerHour: 1000 });
  const listener = createSmtpListener(database.db, (request) => ingest.ingest(request), { host: '127.0.0.1', port: 0, maxMessageBytes: 1_000_000, name: 'localhost' }, pino({ level: 'silent' }));
  return listener.start();
}
