import path from 'node:path';
import type { Config } from '../../config.js';
import { openDatabase, type Database } from './database.js';

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else DATA_DIR/linchpin.sqlite. */
export function sqliteFileFor(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'linchpin.sqlite');
}

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: sqliteFileFor(config),
    poolSize: config.databasePoolSize,
    sqliteSynchronous: config.sqliteSynchronous,
  });
}
