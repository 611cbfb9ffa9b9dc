import { loadConfig } from '../config.js';
import { openConfiguredDatabase, sqliteFileFor } from '../platform/db/open.js';
import { BackupError, backupSqlite, inspectBackup, restoreSqlite } from '../platform/db/sqlite-backup.js';
import { runningServerPid } from '../platform/pid-file.js';
import { UsageError, requireOption, type Command } from './command.js';

const postgresAdvice = (verb: 'backup' | 'restore') =>
  verb === 'backup'
    ? 'On PostgreSQL, back up with the database\'s own tool, which is consistent while Linchpin runs:\n  pg_dump --format=custom --file=linchpin.dump "$DATABASE_URL"\n'
    : 'On PostgreSQL, stop every Linchpin instance, then restore with:\n  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" linchpin.dump\n';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the SQLite database to FILE while Linchpin keeps running',
  usage: 'linchpin backup --to FILE',
  options: { to: { type: 'string' } },
  async run(values) {
    const target = requireOption(values, 'to');
    const config = loadConfig();
    if (config.databaseUrl) {
      process.stdout.write(postgresAdvice('backup'));
      return 1;
    }
    const database = await openConfiguredDatabase(config);
    try {
      const { bytes } = await backupSqlite(database.sqlite!, target);
      process.stdout.write(`Backed up ${sqliteFileFor(config)} to ${target} (${(bytes / 1024).toFixed(0)} KiB).\n`);
      return 0;
    } catch (error) {
      if (error instanceof BackupError) throw new UsageError(error.message);
      throw error;
    } finally {
      await database.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the SQLite database with a backup (stop Linchpin first)',
  usage: 'linchpin restore --from FILE',
  options: { from: { type: 'string' } },
  async run(values) {
    const source = requireOption(values, 'from');
    const config = loadConfig();
    if (config.databaseUrl) {
      process.stdout.write(postgresAdvice('restore'));
      return 1;
    }
    const pid = runningServerPid(config.dataDir);
    if (pid) throw new UsageError(`Linchpin is running on this data folder (pid ${pid}); stop it before restoring.`);
    try {
      const applied = inspectBackup(source);
      restoreSqlite(source, sqliteFileFor(config));
      process.stdout.write(`Restored ${source} into ${sqliteFileFor(config)} (${applied.length} migrations; newer ones apply at start).\n`);
      return 0;
    } catch (error) {
      if (error instanceof BackupError) throw new UsageError(error.message);
      throw error;
    }
  },
};
