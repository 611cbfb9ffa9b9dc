import { loadConfig, type Config } from '../config.js';
import type { Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { openConfiguredDatabase } from '../platform/db/open.js';
import { systemClock } from '../platform/clock.js';
import { ensureBuiltInRoles } from '../modules/identity/built-in-roles.js';

/** For one-shot commands: open the configured database, bring it up to date, run, close. */
export async function withDatabase<T>(work: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
    await ensureBuiltInRoles(database.db, systemClock);
    return await work(database, config);
  } finally {
    await database.close();
  }
}
