import { loadConfig } from '../config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { openConfiguredDatabase } from '../platform/db/open.js';
import type { Command } from './command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations and exit',
  usage: 'linchpin migrate',
  options: {},
  async run() {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    try {
      const applied = await migrateToLatest(database.db);
      process.stdout.write(
        applied.length === 0 ? 'The database is up to date.\n' : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}\n`).join('')}`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
