/**
 * Test helpers that run the built `linchpin` command as a real child process, the way an operator
 * does. Every child is remembered so a test file can kill the ones still alive, whatever failed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(root, 'dist', 'server', 'main.js');
const children = new Set<ChildProcess>();

/** Compiles the server (tsc → dist/) so the test runs what `npm start` runs; throws with the compiler's output. */
export function buildServer(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`The server does not build:\n${result.stdout}${result.stderr}`);
}

/** The environment a child gets: this one's PATH and friends, minus anything that would select a database. */
export function childEnvironment(overrides: Record<string, string>): Record<string, string> {
  // eslint-disable-next-line no-restricted-properties -- a child process inherits the environment, like any program started from a shell
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !['DATABASE_URL', 'TEST_DATABASE_URL', 'PORT', 'HOST', 'DATA_DIR'].includes(entry[0]),
  );
  return { ...Object.fromEntries(inherited), NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...overrides };
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a one-shot command to its end (killed after 60 s). */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [entry, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output = collect(child);
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      children.delete(child);
      resolve({ code, ...output.text() });
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startedInMs: number;
  output(): { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves with the exit code and how long the exit took. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null; tookMs: number }>;
}

/** Starts `linchpin start` and waits until /healthz answers, at most `withinMs`. */
export async function startServer(env: Record<string, string>, withinMs = 10_000): Promise<RunningServer> {
  const port = env.PORT;
  const url = `http://127.0.0.1:${port}`;
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [entry, 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output = collect(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );

  for (;;) {
    if (child.exitCode !== null) throw new Error(`linchpin start exited with ${child.exitCode}:\n${output.text().stderr}`);
    if (Date.now() - spawnedAt > withinMs) {
      child.kill('SIGKILL');
      throw new Error(`/healthz did not answer within ${withinMs} ms of start:\n${output.text().stderr}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const startedInMs = Date.now() - spawnedAt;

  return {
    child,
    url,
    startedInMs,
    output: () => output.text(),
    async terminate() {
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const result = await exited;
      clearTimeout(killer);
      return { ...result, tookMs: Date.now() - signalledAt };
    },
  };
}

/** Kills every child still alive (for afterAll, so a failed test never leaves a server behind). */
export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

function collect(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { text: () => ({ stdout, stderr }) };
}
