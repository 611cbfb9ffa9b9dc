/**
 * SLA: how long recomputing every open ticket's clocks takes after a policy edit, and whether the
 * warning/breach check stays one indexed query per tick. Starts the real server on a generated desk,
 * creates a business calendar and a policy through the API (the first cover: every open ticket gets its
 * clocks), then edits the policy's targets and times the edit: the API answers once every clock is
 * recomputed. Prints the check query's plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL).
 *
 * Run alone for the target's size: `node dist/bench/sla-recompute.js --open 100000 [--from FILE.sqlite]`
 * copies a generated desk (or generates one), reopens finished tickets until that many are open, and
 * measures there. Inside `npm run bench` it measures the generated desk's own open tickets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { systemClock } from '../server/platform/clock.js';
import { ensureBuiltInRoles } from '../server/modules/identity/built-in-roles.js';
import { generateTickets } from '../server/modules/demo/index.js';
import { adminToken, api } from './mail-ingest.js';
import type { Outcome } from './scenarios.js';
import { cpuSeconds, startServer } from './server-process.js';

export interface SlaBenchOptions {
  serverEntry: string;
  env: Record<string, string>;
  open(): Promise<Database>;
  profileDir?: string | undefined;
  say(line: string): void;
  /** A server already running on this desk (the mail benchmark's); otherwise one is started and stopped. */
  server?: { baseUrl: string; pid: number } | undefined;
}

/** One timed API call that recomputes clocks. */
export interface SlaTiming {
  seconds: number;
  ticketsPerSecond: number;
  /** Server CPU seconds the call used (user + system). */
  serverCpuSeconds: number | null;
  /** The same rate carried to 100,000 open tickets (the target: ≤ 10 s). */
  projectedSecondsFor100k: number;
}

export interface SlaReport {
  openTickets: number;
  clocks: number;
  firstCover: SlaTiming;
  recompute: SlaTiming;
  checkQuery: { sql: string; plan: string[]; usesIndex: boolean };
  loadAverage: number[];
}

const openStatuses = ['new', 'open', 'pending', 'on_hold'] as const;

const officeHours = [{ start: '08:00', end: '18:00' }];
const calendar = {
  name: 'Benchmark office hours',
  timeZone: 'Europe/Berlin',
  hours: { monday: officeHours, tuesday: officeHours, wednesday: officeHours, thursday: officeHours, friday: officeHours },
  holidays: [{ date: '2026-12-25', recurring: true, name: 'Christmas Day' }, { date: '2026-01-01', recurring: true, name: "New Year's Day" }],
};
const targets = (scale: number) => ({
  urgent: { firstResponseMinutes: 30 * scale, nextResponseMinutes: 60 * scale, resolutionMinutes: 240 * scale },
  high: { firstResponseMinutes: 60 * scale, nextResponseMinutes: 120 * scale, resolutionMinutes: 480 * scale },
  normal: { firstResponseMinutes: 240 * scale, nextResponseMinutes: 480 * scale, resolutionMinutes: 1440 * scale },
  low: { firstResponseMinutes: 480 * scale, nextResponseMinutes: 960 * scale, resolutionMinutes: 2880 * scale },
});

async function countOpen(database: Database): Promise<number> {
  const row = await database.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', [...openStatuses]).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The plan of the checker's query (the same query as the sla repository's dueClocks). */
async function explainCheck(database: Database): Promise<SlaReport['checkQuery']> {
  const query = database.db.selectFrom('slaClocks').selectAll().where('nextCheckAt', '<=', new Date().toISOString()).orderBy('nextCheckAt').limit(500);
  const compiled = query.compile();
  let plan: string[];
  if (database.dialect === 'sqlite') {
    const rows = database.sqlite!.prepare(`explain query plan ${compiled.sql}`).all(...compiled.parameters) as Array<{ detail: string }>;
    plan = rows.map((row) => row.detail);
  } else {
    const result = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(compiled.sql.replace(/\$(\d+)/g, (_m, n: string) => `'${String(compiled.parameters[Number(n) - 1])}'`))}`.execute(database.db);
    plan = result.rows.map((row) => row['QUERY PLAN']);
  }
  const usesIndex = plan.some((line) => /USING (COVERING )?INDEX|Index Scan|Index Only Scan/i.test(line)) && !plan.some((line) => /^SCAN sla_clocks$|Seq Scan on sla_clocks/i.test(line.trim()));
  return { sql: compiled.sql, plan, usesIndex };
}

async function timed(pid: number, openTickets: number, call: () => Promise<unknown>): Promise<SlaTiming> {
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  await call();
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSeconds(pid);
  return {
    seconds,
    ticketsPerSecond: openTickets / seconds,
    serverCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    projectedSecondsFor100k: (seconds / Math.max(1, openTickets)) * 100_000,
  };
}

export async function runSlaRecompute(options: SlaBenchOptions): Promise<{ report: SlaReport; results: Record<string, { title: string; unit: string; outcome: Outcome }> }> {
  const { say } = options;
  let token: string;
  let openTickets: number;
  const database = await options.open();
  try {
    token = await adminToken(database);
    openTickets = await countOpen(database);
  } finally {
    await database.close();
  }
  const started = options.server ? null : await startServer(options.serverEntry, options.env, options.profileDir ? { profileDir: options.profileDir } : {});
  const server = options.server ?? started!;
  let report: SlaReport;
  try {
    const created = await api<{ id: number }>(server.baseUrl, token, 'POST', '/api/v1/business-calendars', calendar);
    // First in the order, so it takes every open ticket over from the desk's own policy.
    const policy = { name: 'Benchmark standard', position: 0, calendarId: created.id, targets: targets(1), warningPercent: 75 };
    say(`SLA first cover: a new policy for ${openTickets.toLocaleString('en')} open tickets`);
    let policyId = 0;
    const firstCover = await timed(server.pid, openTickets, async () => {
      policyId = (await api<{ id: number }>(server.baseUrl, token, 'POST', '/api/v1/sla-policies', policy)).id;
    });
    say(`SLA recompute: editing the policy's targets`);
    const recompute = await timed(server.pid, openTickets, () => api(server.baseUrl, token, 'PUT', `/api/v1/sla-policies/${policyId}`, { ...policy, targets: targets(2) }));
    const checkDatabase = await options.open();
    try {
      const clocks = await checkDatabase.db
        .selectFrom('slaClocks')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('policyId', '=', policyId)
        .executeTakeFirstOrThrow();
      report = { openTickets, clocks: Number(clocks.n), firstCover, recompute, checkQuery: await explainCheck(checkDatabase), loadAverage: os.loadavg() };
    } finally {
      await checkDatabase.close();
    }
  } finally {
    await started?.stop();
  }
  const line = (label: string, t: SlaTiming) =>
    `SLA ${label}: ${t.seconds.toFixed(2)} s for ${openTickets.toLocaleString('en')} open tickets (${t.ticketsPerSecond.toFixed(0)}/s, server CPU ${t.serverCpuSeconds?.toFixed(1) ?? '?'} s) → ${t.projectedSecondsFor100k.toFixed(0)} s for 100,000 (target ≤ 10 s)`;
  say(line('first cover', report.firstCover));
  say(line('recompute after edit', report.recompute));
  say(`SLA ${report.clocks.toLocaleString('en')} clocks under the policy; load ${report.loadAverage.map((l) => l.toFixed(1)).join(' ')}`);
  say(`SLA check query (${report.checkQuery.usesIndex ? 'indexed' : 'NOT INDEXED'}): ${report.checkQuery.sql}`);
  for (const planLine of report.checkQuery.plan) say(`  plan: ${planLine}`);
  const outcome = (t: SlaTiming): Outcome => ({ kind: 'measured', perSecond: t.ticketsPerSecond, p50Ms: t.seconds * 1000, p99Ms: t.seconds * 1000, completed: openTickets, failures: {}, serverCpuMs: t.serverCpuSeconds === null ? null : (t.serverCpuSeconds * 1000) / openTickets, ...{ projectedSecondsFor100k: t.projectedSecondsFor100k, serverCpuSeconds: t.serverCpuSeconds, checkQueryPlan: report.checkQuery.plan, loadAverage: report.loadAverage } });
  return {
    report,
    results: {
      SLA: { title: `SLA recompute after a policy edit (${openTickets.toLocaleString('en')} open; ${report.recompute.projectedSecondsFor100k.toFixed(0)} s per 100k)`, unit: 'tickets/s', outcome: outcome(report.recompute) },
      'SLA-COVER': { title: `SLA first cover by a new policy (check query ${report.checkQuery.usesIndex ? 'indexed' : 'NOT indexed'})`, unit: 'tickets/s', outcome: outcome(report.firstCover) },
    },
  };
}

/** Reopens finished tickets (newest first) until `target` are open: the generator makes a desk that is mostly closed. */
async function reopenUntil(database: Database, target: number): Promise<void> {
  const missing = target - (await countOpen(database));
  if (missing <= 0) return;
  const ids = database.db.selectFrom('tickets').select('id').where('status', 'in', ['resolved', 'closed']).orderBy('id', 'desc').limit(missing);
  await database.db.updateTable('tickets').set({ status: 'open', resolvedAt: null, closedAt: null }).where('id', 'in', ids).execute();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { open: { type: 'string' }, from: { type: 'string' }, tickets: { type: 'string' }, profile: { type: 'boolean' } } });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const openTarget = Number(values.open ?? 100_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-sla-bench-'));
  const sqliteFile = path.join(dataDir, 'linchpin.sqlite');
  const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
  try {
    if (values.from) fs.copyFileSync(values.from, sqliteFile);
    const database = await openDatabase({ sqliteFile });
    try {
      await migrateToLatest(database.db);
      await ensureBuiltInRoles(database.db, systemClock);
      if (!values.from) {
        say(`generating ${Number(values.tickets ?? openTarget).toLocaleString('en')} tickets`);
        await generateTickets(database, { tickets: Number(values.tickets ?? openTarget), messagesPerTicket: 4 });
      }
      await reopenUntil(database, openTarget);
    } finally {
      await database.close();
    }
    const { report } = await runSlaRecompute({
      serverEntry: path.join(root, 'dist', 'server', 'main.js'),
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ sqliteFile }),
      profileDir: values.profile ? path.join(root, 'bench', 'results', 'profiles', `sla-${Date.now()}`) : undefined,
      say,
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
