#!/usr/bin/env node
// `npm run dev`: the API server, rebuilt and restarted on every change (tsc --watch + node --watch), and
// Vite's dev server with hot reload for the web app, which proxies /api to that server
// (web/vite.config.ts). Ctrl-C stops both. Settings: PORT (API, default 3000), WEB_DEV_PORT (default 5173),
// and everything else server/config.ts reads.
/* global fetch */
import { spawn } from 'node:child_process';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const apiPort = process.env.PORT ?? '3000';
const webPort = process.env.WEB_DEV_PORT ?? '5173';
const host = process.env.HOST ?? '127.0.0.1';
const webUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${webPort}`;
const env = {
  ...process.env,
  PORT: apiPort,
  WEB_DEV_PORT: webPort,
  API_URL: process.env.API_URL ?? `http://127.0.0.1:${apiPort}`,
  // Links in mails (sign-in links, replies) should open the page with hot reload.
  PUBLIC_URL: process.env.PUBLIC_URL ?? webUrl,
};

const children = new Set();
let stopping = false;

function start(label, command, args, { onLine } = {}) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const prefix = `[${label}] `;
  const forward = (stream, out) => {
    let pending = '';
    stream.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        out.write(prefix + line + '\n');
        onLine?.(line);
      }
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (stopping) return;
    process.stderr.write(`${prefix}stopped (${signal ?? `exit code ${code}`}); stopping the rest.\n`);
    stop(code ?? 1);
  });
  return child;
}

function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 10_000);
  const check = setInterval(() => {
    if (children.size > 0) return;
    clearInterval(check);
    clearTimeout(deadline);
    process.exit(exitCode);
  }, 100);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The banner comes once both halves answer, so the address it gives works when it is read.
let webReady = false;
let apiReady = false;
function announce() {
  if (!webReady || !apiReady) return;
  process.stdout.write(`\n  Linchpin in development: open ${webUrl} (hot reload); the API listens on ${env.API_URL}.\n  Ctrl-C stops both.\n\n`);
}
async function waitForApi() {
  while (!stopping) {
    try {
      if ((await fetch(`${env.API_URL}/readyz`)).ok) {
        apiReady = true;
        announce();
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// 1. Compile the server and keep compiling; start it once the first build is done.
let serverStarted = false;
start('tsc', process.execPath, [bin('tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
  onLine(line) {
    if (serverStarted || !/Watching for file changes/.test(line)) return;
    serverStarted = true;
    // 2. node --watch restarts the server whenever tsc rewrites one of its files.
    start('api', process.execPath, ['--watch', path.join(root, 'dist/server/main.js'), 'start']);
    void waitForApi();
  },
});

// 3. The web app with hot reload.
start('web', process.execPath, [bin('vite'), '--config', 'web/vite.config.ts', '--port', webPort, '--strictPort', '--host', host], {
  onLine(line) {
    if (!webReady && /ready in/.test(line)) {
      webReady = true;
      announce();
    }
  },
});
