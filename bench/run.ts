/**
 * `npm run bench`: generates (or reuses) a desk of the chosen size, starts the real server on a free
 * loopback port, and measures the hot paths over HTTP. Prints a table; writes JSON to bench/results/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokens, prepareDatabase } from './fixture.js';
import { findCast, writeTokens } from './actors.js';
import { BenchUsage, parseBenchOptions, usage, type BenchOptions } from './options.js';
import { formatTable, measureBundles, type BenchReport } from './report.js';
import { runScenario, scenarios, type Tokens } from './scenarios.js';
import { cpuSeconds, startServer } from './server-process.js';
import { runMailIngest } from './mail-ingest.js';
import { runSlaRecompute } from './sla-recompute.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultsDir = path.join(root, 'bench', 'results');
const serverEntry = path.join(root, 'dist', 'server', 'main.js');

const wants = (options: BenchOptions, id: string) => options.only === null || options.only.has(id);
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

function commitOf(): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${hash}+changes` : hash;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof BenchUsage || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message ? `bench: ${(error as Error).message}\n` : ''}${usage}\n`);
      return (error as Error).message ? 2 : 0;
    }
    throw error;
  }
  fs.mkdirSync(path.join(resultsDir, 'databases'), { recursive: true });
  const report: BenchReport = {
    date: new Date().toISOString(),
    commit: commitOf(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: os.totalmem() / 2 ** 30, node: process.version, loadAverage: os.loadavg() },
    dialect: options.dialect,
    tickets: options.tickets,
    seconds: options.seconds,
    generatedSeconds: null,
    results: {},
    memory: null,
    bundles: wants(options, 'B9') ? measureBundles(path.join(root, 'dist', 'web')) : 'skipped',
  };
  const needsServer = scenarios.some((s) => wants(options, s.id)) || wants(options, 'B8') || wants(options, 'MAIL') || wants(options, 'SLA');
  if (needsServer) {
    say(`preparing ${options.tickets.toLocaleString('en')} tickets on ${options.dialect}`);
    const prepared = await prepareDatabase(options, resultsDir);
    report.generatedSeconds = prepared.generatedSeconds;
    try {
      const database = await prepared.open();
      let cast;
      let tokens: Tokens;
      try {
        cast = await findCast(database);
        const emails = [cast.agent.email, cast.manager.email, ...cast.requesters.map((r) => r.email)];
        let secrets = createTokens(prepared.env, emails, serverEntry);
        if (secrets === null) {
          say('`linchpin create-token` is not available; writing token rows directly');
          secrets = await writeTokens(database, [cast.agent.id, cast.manager.id, ...cast.requesters.map((r) => r.id)]);
        }
        tokens = { agent: secrets[0]!, manager: secrets[1]!, requesters: secrets.slice(2) };
      } finally {
        await database.close();
      }
      const profileDir = options.profile ? path.join(resultsDir, 'profiles', `${options.dialect}-${options.tickets}-${Date.now()}`) : undefined;
      const server = await startServer(serverEntry, prepared.env, profileDir ? { profileDir } : {});
      try {
        // Idle: after start-up has settled, before any load.
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const idle = server.memory();
        let peakRss = idle?.rssMiB ?? 0;
        const sampler = setInterval(() => {
          peakRss = Math.max(peakRss, server.memory()?.rssMiB ?? 0);
        }, 100);
        try {
          for (const scenario of scenarios.filter((s) => wants(options, s.id))) {
            say(`${scenario.id} ${scenario.title}`);
            const outcome = await runScenario(scenario, { baseUrl: server.baseUrl, cast, tokens, seconds: options.seconds, serverCpuSeconds: () => cpuSeconds(server.pid) });
            report.results[scenario.id] = { title: scenario.title, unit: scenario.unit, outcome };
          }
        } finally {
          clearInterval(sampler);
        }
        const after = server.memory();
        report.memory = { idleMiB: idle?.rssMiB ?? null, peakMiB: after ? Math.max(after.peakMiB, peakRss) : null, afterLoadMiB: after?.rssMiB ?? null };
      } finally {
        await server.stop();
        if (profileDir) say(`CPU profile of the server written to ${path.relative(root, profileDir)}`);
      }
      // SLA recompute, then mail intake (with the SLA policy in force), on one more start with the SMTP listener.
      const sla = wants(options, 'SLA') ? async (server: { baseUrl: string; pid: number }) => (await runSlaRecompute({ serverEntry, env: prepared.env, open: prepared.open, say, server })).results : undefined;
      if (wants(options, 'MAIL') || sla) Object.assign(report.results, await runMailIngest({ serverEntry, env: prepared.env, open: prepared.open, mails: wants(options, 'MAIL') ? (options.quick ? 100 : 1000) : 0, connections: 8, imap: !options.quick, before: sla, profileDir: profileDir && `${profileDir}-mail`, say }));
    } finally {
      await prepared.discard();
    }
  }
  process.stdout.write(formatTable(report));
  const file = path.join(resultsDir, `${report.date.slice(0, 19).replace(/:/g, '')}-${options.dialect}-${options.tickets}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(resultsDir, `latest-${options.dialect}-${options.tickets}.json`), `${JSON.stringify(report, null, 2)}\n`);
  say(`results written to ${path.relative(root, file)}`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`bench: failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
