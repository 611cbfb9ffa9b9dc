import { ConfigError, configurationVariables } from './config.js';
import { DatabaseOpenError } from './platform/db/database.js';
import { MigrationError } from './platform/db/migrate.js';
import { backupCommand, restoreCommand } from './cli/backup.js';
import { UsageError, parseCommandArgs, type Command } from './cli/command.js';
import { createAdminCommand } from './cli/create-admin.js';
import { migrateCommand } from './cli/migrate.js';
import { startCommand } from './cli/start.js';
import { extraCommands } from './cli/registry.js';

/** Process entry and the `linchpin` command line. */
const commands: Command[] = [startCommand, migrateCommand, createAdminCommand, backupCommand, restoreCommand, ...extraCommands];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: linchpin <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `linchpin <command> --help` for its options.',
    `Configuration comes from environment variables: ${configurationVariables.join(', ')} (see README).`,
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number | 'keep-running'> {
  const [name = 'start', ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`linchpin: unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  const values = parseCommandArgs(command, rest);
  if (values.help) {
    process.stdout.write(`${command.summary}.\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  return command.run(values);
}

main(process.argv.slice(2))
  .then((result) => {
    if (result !== 'keep-running') process.exit(result);
  })
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`linchpin: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof ConfigError || error instanceof DatabaseOpenError || error instanceof MigrationError) {
      process.stderr.write(`${error.message.split('\n').map((line) => `linchpin: ${line}`).join('\n')}\n`);
      process.exit(1);
    }
    process.stderr.write(`linchpin: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
