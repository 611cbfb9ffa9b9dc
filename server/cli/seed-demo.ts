import { DeskNotEmptyError, seedDemoDesk, type GenerateResult } from '../modules/demo/index.js';
import { UsageError, type Command } from './command.js';
import { withDatabase } from './with-database.js';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'Fill an empty desk with a believable demo IT helpdesk (teams, people, ~2,000 tickets)',
  usage: 'linchpin seed-demo',
  options: {},
  async run() {
    return withDatabase(async (database, config) => {
      let result: GenerateResult;
      try {
        result = await seedDemoDesk(database);
      } catch (error) {
        if (error instanceof DeskNotEmptyError) throw new UsageError(error.message);
        throw error;
      }
      const width = Math.max(...result.desk.staff.map((s) => s.email.length));
      process.stdout.write(
        [
          `Seeded the demo desk: ${result.tickets} tickets (#${result.firstRef}–#${result.lastRef}), ${result.messages} messages, ` +
            `${result.desk.directory.requesters.length} requesters in ${(result.durationMs / 1000).toFixed(1)} s.`,
          '',
          `Sign in at ${config.publicUrl}/desk as any of:`,
          ...result.desk.staff.map((s) => `  ${s.email.padEnd(width)}  ${s.role.replace('_', ' ')}${s.team ? `, ${s.team}` : ''}`),
          '',
          result.desk.password
            ? `Password for all of them (shown once, not stored anywhere): ${result.desk.password}`
            : 'These accounts existed before; their passwords are unchanged.',
          'Requesters sign in to the portal by emailed link; they have no password.',
          '',
        ].join('\n'),
      );
      return 0;
    });
  },
};
