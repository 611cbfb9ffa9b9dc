import { rebuildSearchIndex } from '../modules/tickets/search.index.js';
import { systemClock } from '../platform/clock.js';
import type { Command } from './command.js';
import { withDatabase } from './with-database.js';

/**
 * The search index follows every change as it happens; this rebuilds it from the tickets, messages
 * and attachments themselves, for after a crash between a commit and its indexing, or a restore.
 * Safe while Linchpin runs: it is one transaction.
 */
export const reindexSearchCommand: Command = {
  name: 'reindex-search',
  summary: 'Rebuild the full-text search index from the tickets, messages and attachment names',
  usage: 'linchpin reindex-search',
  options: {},
  async run() {
    return withDatabase(async (database) => {
      const documents = await rebuildSearchIndex(database.db, database.dialect, systemClock.now().toISOString());
      process.stdout.write(`Search index rebuilt: ${documents} documents.\n`);
      return 0;
    });
  },
};
