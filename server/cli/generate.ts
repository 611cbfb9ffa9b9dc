import { generateTickets } from '../modules/demo/index.js';
import { UsageError, requireOption, type Command } from './command.js';
import { withDatabase } from './with-database.js';

function positiveWhole(name: string, value: string, max: number): number {
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number < 1 || number > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max.toLocaleString('en')}.`);
  return number;
}

/** A one-line progress bar on stderr, redrawn at most ten times a second. */
function progressBar(stream: NodeJS.WriteStream) {
  const started = performance.now();
  let lastDraw = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - lastDraw < 100) return;
    lastDraw = now;
    const share = total === 0 ? 1 : done / total;
    const width = 30;
    const filled = Math.round(share * width);
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} tickets  ${Math.round(rate).toLocaleString('en')}/s`;
    stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
    if (done >= total && stream.isTTY) stream.write('\n');
  };
}

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Generate a large desk for benchmarks: N tickets with conversations, history and search index',
  usage: 'linchpin generate --tickets N [--messages-per-ticket M] [--seed S]',
  options: { tickets: { type: 'string' }, 'messages-per-ticket': { type: 'string' }, seed: { type: 'string' } },
  async run(values) {
    const tickets = positiveWhole('tickets', requireOption(values, 'tickets'), 10_000_000);
    const messagesPerTicket =
      typeof values['messages-per-ticket'] === 'string' ? positiveWhole('messages-per-ticket', values['messages-per-ticket'], 100) : 4;
    const seed = typeof values.seed === 'string' ? positiveWhole('seed', values.seed, 2 ** 31) : undefined;
    return withDatabase(async (database) => {
      const result = await generateTickets(database, { tickets, messagesPerTicket, seed, onProgress: progressBar(process.stderr) });
      const seconds = result.durationMs / 1000;
      process.stdout.write(
        `Generated ${result.tickets.toLocaleString('en')} tickets (#${result.firstRef}–#${result.lastRef}), ` +
          `${result.messages.toLocaleString('en')} messages, ${result.historyRows.toLocaleString('en')} history rows, ` +
          `${result.searchDocuments.toLocaleString('en')} search documents on ${database.dialect} in ${seconds.toFixed(1)} s ` +
          `(${Math.round(result.tickets / seconds).toLocaleString('en')} tickets/s).\n` +
          (result.desk.password ? `Created the demo staff accounts; their password (shown once): ${result.desk.password}\n` : ''),
      );
      return 0;
    });
  },
};
