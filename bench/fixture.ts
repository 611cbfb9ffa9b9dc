import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { systemClock } from '../server/platform/clock.js';
import { ensureBuiltInRoles } from '../server/modules/identity/built-in-roles.js';
import { generateTickets } from '../server/modules/demo/index.js';
import type { BenchOptions } from './options.js';

/** Bump when the generated shape changes, so stale databases are rebuilt rather than reused. */
const generatorVersion = 4;

export interface PreparedDatabase {
  /** Environment for the server child (DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** Seconds spent generating, when this run generated the database. */
  generatedSeconds: number | null;
  open(): Promise<Database>;
  /** Removes the working copy. */
  discard(): Promise<void>;
}

function progress(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < 500) return;
    last = now;
    process.stderr.write(`  ${label}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} tickets\n`);
  };
}

async function generateInto(database: Database, tickets: number): Promise<number> {
  await migrateToLatest(database.db);
  await ensureBuiltInRoles(database.db, systemClock);
  const result = await generateTickets(database, { tickets, messagesPerTicket: 4, onProgress: progress('generating') });
  process.stderr.write(`  generated ${tickets.toLocaleString('en')} tickets on ${database.dialect} in ${(result.durationMs / 1000).toFixed(1)} s\n`);
  return result.durationMs / 1000;
}

/**
 * A pristine generated database per size and dialect, kept under bench/results/ and reused; each run
 * works on a fresh copy of it, because B1 and B7 write tickets and replies.
 */
/**
 * A generated desk is dated relative to the moment it was made: a day later its resolved tickets start falling due
 * for the automatic close and its SLA clocks for warnings, so the server would spend the measured seconds closing
 * tickets and recording breaches. Older desks are generated again.
 */
const keepGeneratedMs = 12 * 3_600_000;

function isStale(marker: string): boolean {
  try {
    const { createdAt } = JSON.parse(fs.readFileSync(marker, 'utf8')) as { createdAt?: string };
    return !createdAt || Date.now() - Date.parse(createdAt) > keepGeneratedMs;
  } catch {
    return true;
  }
}

export async function prepareDatabase(options: BenchOptions, resultsDir: string): Promise<PreparedDatabase> {
  const key = `${options.dialect}-${options.tickets}-v${generatorVersion}`;
  const marker = path.join(resultsDir, 'databases', `${key}.json`);
  if (options.dialect === 'sqlite') return prepareSqlite(options, resultsDir, key, marker);
  return preparePostgres(options, key, marker);
}

async function prepareSqlite(options: BenchOptions, resultsDir: string, key: string, marker: string): Promise<PreparedDatabase> {
  const pristineDir = path.join(resultsDir, 'databases', key);
  const pristine = path.join(pristineDir, 'linchpin.sqlite');
  let generatedSeconds: number | null = null;
  if (options.regenerate || isStale(marker) || !fs.existsSync(pristine)) {
    fs.rmSync(pristineDir, { recursive: true, force: true });
    fs.rmSync(marker, { force: true });
    const database = await openDatabase({ sqliteFile: pristine });
    try {
      generatedSeconds = await generateInto(database, options.tickets);
    } finally {
      await database.close();
    }
    fs.writeFileSync(marker, JSON.stringify({ tickets: options.tickets, generatorVersion, createdAt: new Date().toISOString() }));
  }
  const workDir = path.join(resultsDir, 'work', key);
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  fs.copyFileSync(pristine, path.join(workDir, 'linchpin.sqlite'));
  return {
    env: { DATA_DIR: workDir },
    generatedSeconds,
    open: () => openDatabase({ sqliteFile: path.join(workDir, 'linchpin.sqlite') }),
    discard: () => Promise.resolve(fs.rmSync(workDir, { recursive: true, force: true })),
  };
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function databaseExists(url: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** PostgreSQL: a database of its own per size (linchpin_bench_…), copied for each run with CREATE DATABASE … TEMPLATE. */
async function preparePostgres(options: BenchOptions, key: string, marker: string): Promise<PreparedDatabase> {
  const serverUrl = options.postgresUrl!;
  const pristineName = `linchpin_bench_${key.replace(/[^a-z0-9]/g, '_')}`;
  const workName = `${pristineName}_run`;
  let generatedSeconds: number | null = null;
  if (options.regenerate || isStale(marker) || !(await databaseExists(serverUrl, pristineName))) {
    await adminQuery(serverUrl, [`drop database if exists "${workName}"`, `drop database if exists "${pristineName}"`, `create database "${pristineName}"`]);
    const database = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, pristineName), poolSize: 4 });
    try {
      generatedSeconds = await generateInto(database, options.tickets);
    } finally {
      await database.close();
    }
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.writeFileSync(marker, JSON.stringify({ tickets: options.tickets, generatorVersion, database: pristineName, createdAt: new Date().toISOString() }));
  }
  await adminQuery(serverUrl, [`drop database if exists "${workName}"`, `create database "${workName}" template "${pristineName}"`]);
  const workUrl = withDatabaseName(serverUrl, workName);
  return {
    env: { DATABASE_URL: workUrl },
    generatedSeconds,
    open: () => openDatabase({ databaseUrl: workUrl, poolSize: 2 }),
    discard: () => adminQuery(serverUrl, [`drop database if exists "${workName}" with (force)`]),
  };
}

/** `linchpin create-token` for each address (one process per token); null when the command is not available. */
export function createTokens(env: Record<string, string>, emails: string[], serverEntry: string): string[] | null {
  const tokens: string[] = [];
  for (const email of emails) {
    const result = spawnSync(process.execPath, [serverEntry, 'create-token', '--email', email, '--name', 'benchmark'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      if (/unknown command/.test(result.stderr)) return null;
      throw new Error(`create-token for ${email} failed: ${result.stderr.trim()}`);
    }
    tokens.push(result.stdout.trim().split('\n').pop()!.trim());
  }
  return tokens;
}
