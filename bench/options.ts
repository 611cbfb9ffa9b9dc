import { parseArgs } from 'node:util';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchOptions {
  tickets: number;
  dialect: BenchDialect;
  /** Benchmarks to run (B1…B9); null runs all. */
  only: Set<string> | null;
  quick: boolean;
  /** Seconds of measurement per benchmark (after one second of warm-up). */
  seconds: number;
  /** Write a V8 CPU profile of the server into bench/results/profiles. */
  profile: boolean;
  /** Rebuild the generated database even when one of this size exists. */
  regenerate: boolean;
  postgresUrl: string | undefined;
}

export const benchIds = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9', 'MAIL', 'SLA'] as const;

export const usage = `Usage: npm run bench -- [--tickets 10000|100000|1000000] [--db sqlite|postgres] [--only B1,B2] [--quick]
                       [--seconds S] [--profile] [--regenerate]
  --quick       10,000 tickets and 3 s per benchmark (CI)
  --db postgres uses BENCH_DATABASE_URL or TEST_DATABASE_URL (the benchmark creates its own databases there)
  --profile     writes a CPU profile of the server to bench/results/profiles/`;

export function parseBenchOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string' },
      db: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean' },
      seconds: { type: 'string' },
      profile: { type: 'boolean' },
      regenerate: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new BenchUsage('');
  const quick = values.quick ?? false;
  const tickets = Number((values.tickets ?? (quick ? '10000' : '10000')).replace(/_/g, ''));
  if (!Number.isInteger(tickets) || tickets < 100 || tickets > 10_000_000) throw new BenchUsage('--tickets must be a whole number from 100 to 10,000,000.');
  const dialect = values.db ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new BenchUsage('--db must be sqlite or postgres.');
  const only = values.only ? new Set(values.only.split(',').map((id) => id.trim().toUpperCase())) : null;
  for (const id of only ?? []) if (!(benchIds as readonly string[]).includes(id)) throw new BenchUsage(`--only: unknown benchmark ${id} (B1…B9).`);
  const seconds = Number(values.seconds ?? (quick ? 3 : 10));
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) throw new BenchUsage('--seconds must be between 1 and 600.');
  const postgresUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined;
  if (dialect === 'postgres' && !postgresUrl) throw new BenchUsage('--db postgres needs BENCH_DATABASE_URL (or TEST_DATABASE_URL) set to a PostgreSQL server.');
  return {
    tickets: quick && !values.tickets ? 10_000 : tickets,
    dialect,
    only,
    quick,
    seconds,
    profile: values.profile ?? false,
    regenerate: values.regenerate ?? false,
    postgresUrl,
  };
}

export class BenchUsage extends Error {}
