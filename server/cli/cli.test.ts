import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, childEnvironment, freePort, killAllChildren, runCli, startServer } from '../test/cli-process.js';

/**
 * The `linchpin` command as an operator meets it: the built program, a real port, a temporary data
 * folder. Each test gets its own folder and port so they can never see each other's desk.
 */
const password = 'correct horse battery staple';
const folders: string[] = [];
const measured: Record<string, number> = {};

async function desk(): Promise<{ dataDir: string; env: Record<string, string> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-cli-'));
  folders.push(dataDir);
  return { dataDir, env: childEnvironment({ DATA_DIR: dataDir, PORT: String(await freePort()) }) };
}

const emailsIn = (sqliteFile: string): string[] => {
  const database = new SqliteDatabase(sqliteFile, { readonly: true });
  try {
    return (database.prepare('select email from user_emails order by email').all() as { email: string }[]).map((row) => row.email);
  } finally {
    database.close();
  }
};

// Each step starts a real Node process; under a fully parallel suite one can take seconds, so these tests
// get a generous ceiling (the 10 s promises are checked explicitly where the issue makes them).
describe('the linchpin command', { timeout: 90_000 }, () => {
  beforeAll(() => buildServer(), 180_000);
  afterAll(() => {
    killAllChildren();
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
    // Start-up and shutdown times, for whoever reads the test log.
    process.stdout.write(`linchpin process timings (ms): ${JSON.stringify(measured)}\n`);
  });

  it('serves /healthz within 10 s of start, reports the database on /readyz, and exits 0 on SIGTERM within 10 s', async () => {
    const { env } = await desk();
    const server = await startServer(env, 10_000);
    measured.firstStartToHealthz = server.startedInMs;

    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: { dialect: 'sqlite', reachable: true, pendingMigrations: 0 } });

    const stopped = await server.terminate();
    measured.sigtermToExit = stopped.tookMs;
    expect(stopped).toMatchObject({ code: 0, signal: null });
    expect(stopped.tookMs).toBeLessThan(10_000);
  });

  it('prints a generated admin password on the first start only', async () => {
    const { env, dataDir } = await desk();
    const first = await startServer(env);
    await first.terminate();
    const firstOutput = first.output().stderr;
    expect(firstOutput).toContain('First run: created the admin account');
    const printed = /with the password (\S+)/.exec(firstOutput)?.[1];
    expect(printed).toMatch(/^\S{12,}$/);
    expect(firstOutput.split(printed!).length - 1).toBe(1);
    expect(emailsIn(path.join(dataDir, 'linchpin.sqlite'))).toEqual(['admin@linchpin.local']);

    const second = await startServer(env);
    measured.secondStartToHealthz = second.startedInMs;
    await second.terminate();
    expect(second.output().stderr).not.toContain('First run');
    expect(second.output().stderr).not.toContain(printed!);
  });

  it('creates an admin with create-admin against a running and a stopped desk', async () => {
    const { env, dataDir } = await desk();
    const server = await startServer(env);
    const whileRunning = await runCli(['create-admin', '--email', 'a@example.com', '--password', password], env);
    expect(whileRunning.stderr).toBe('');
    expect(whileRunning).toMatchObject({ code: 0, stdout: expect.stringContaining('Created admin a@example.com') });
    expect(whileRunning.stdout).not.toContain(password);
    expect((await server.terminate()).code).toBe(0);

    const whileStopped = await runCli(['create-admin', '--email', 'b@example.com', '--password', password], env);
    expect(whileStopped).toMatchObject({ code: 0, stdout: expect.stringContaining('Created admin b@example.com') });
    expect(emailsIn(path.join(dataDir, 'linchpin.sqlite'))).toEqual(['a@example.com', 'admin@linchpin.local', 'b@example.com']);

    const generated = await runCli(['create-admin', '--email', 'c@example.com'], env);
    expect(generated).toMatchObject({ code: 0, stdout: expect.stringMatching(/Password \(shown once\): \S{12,}/) });
  });

  it('refuses a short password or a missing address with one line and exit code 2', async () => {
    const { env } = await desk();
    const short = await runCli(['create-admin', '--email', 'a@example.com', '--password', 'short'], env);
    expect(short.code).toBe(2);
    expect(short.stderr.trim().split('\n')).toHaveLength(1);
    expect(short.stderr).toMatch(/^linchpin: .*12/);

    const missing = await runCli(['create-admin'], env);
    expect(missing).toMatchObject({ code: 2, stderr: 'linchpin: --email is required.\n' });
  });

  it('stops with one clear line and a non-zero exit when the port is in use, keeping the first-run password for later', async () => {
    const { env, dataDir } = await desk();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(env.PORT), '127.0.0.1', resolve));
    try {
      const result = await runCli(['start'], env);
      expect(result.code).not.toBe(0);
      // No admin was created and no password printed, so the next start still shows one.
      expect(result.stderr).toBe(`linchpin: Port ${env.PORT} on 127.0.0.1 is already in use: stop the other program or set PORT to a free port.\n`);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
    expect(emailsIn(path.join(dataDir, 'linchpin.sqlite'))).toEqual([]);
  });

  it('stops with a clear message naming the variable and a non-zero exit on a bad configuration value', async () => {
    const { env } = await desk();
    const result = await runCli(['start'], { ...env, PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^linchpin: cannot start: PORT="eighty" must be a whole number \(1-65535\)\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('backs up a running desk and restores the copy once it is stopped', async () => {
    const { env, dataDir } = await desk();
    const backupFile = path.join(dataDir, 'backups', 'before.sqlite');
    await runCli(['create-admin', '--email', 'kept@example.com', '--password', password], env);
    const server = await startServer(env);

    const backup = await runCli(['backup', '--to', backupFile], env);
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringContaining(`to ${backupFile}`) });
    expect(fs.existsSync(backupFile)).toBe(true);
    const again = await runCli(['backup', '--to', backupFile], env);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') });

    await runCli(['create-admin', '--email', 'after-backup@example.com', '--password', password], env);
    const refused = await runCli(['restore', '--from', backupFile], env);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('stop it before restoring') });
    expect((await server.terminate()).code).toBe(0);

    const restore = await runCli(['restore', '--from', backupFile], env);
    expect(restore).toMatchObject({ code: 0, stdout: expect.stringContaining('Restored') });
    expect(emailsIn(path.join(dataDir, 'linchpin.sqlite'))).toEqual(['kept@example.com']);

    const restarted = await startServer(env);
    expect((await fetch(`${restarted.url}/readyz`)).status).toBe(200);
    expect((await restarted.terminate()).code).toBe(0);
  });

  it('applies migrations with migrate, then reports the database up to date', async () => {
    const { env } = await desk();
    const first = await runCli(['migrate'], env);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Applied \d+ migration\(s\):/) });
    expect(await runCli(['migrate'], env)).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
  });

  it('explains itself with --help, for every command', async () => {
    const { env } = await desk();
    const overview = await runCli(['--help'], env);
    expect(overview.code).toBe(0);
    const commands = [...overview.stdout.matchAll(/^ {2}([a-z][a-z-]*) {2,}\S/gm)].map((match) => match[1]!);
    expect(commands).toEqual(expect.arrayContaining(['start', 'migrate', 'create-admin', 'backup', 'restore']));

    const helps = await Promise.all(commands.map((command) => runCli([command, '--help'], env)));
    commands.forEach((command, index) => {
      expect(helps[index], command).toMatchObject({ code: 0, stderr: '', stdout: expect.stringContaining(`Usage: linchpin ${command}`) });
    });
    const unknown = await runCli(['frobnicate'], env);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
  });
});
