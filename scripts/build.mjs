#!/usr/bin/env node
// Builds the server (tsc → dist/) and the web app (vite → dist/web) when their sources are newer
// than the last build. `npm start` and `linchpin` call it, so a fresh checkout just works.
// Flags: --force rebuilds everything; --quiet prints only failures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');
const dist = path.join(root, 'dist');

function newestMtime(entries) {
  let newest = 0;
  const visit = (target) => {
    let stat;
    try {
      stat = fs.statSync(target);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(target)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(target, name));
      }
    } else if (!target.endsWith('.test.ts') && !target.endsWith('.test.tsx')) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

function stampTime(name) {
  try {
    return fs.statSync(path.join(dist, name)).mtimeMs;
  } catch {
    return 0;
  }
}

function run(label, command, args) {
  if (!quiet) process.stdout.write(`linchpin: building ${label}…\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'inherit'] : 'inherit' });
  if (result.status !== 0) {
    if (quiet && result.stdout) process.stdout.write(result.stdout);
    process.stderr.write(`linchpin: building ${label} failed.\n`);
    process.exit(result.status ?? 1);
  }
  if (!quiet) process.stdout.write(`linchpin: built ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function touch(name) {
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, name), new Date().toISOString());
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const serverSources = ['server', 'shared', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
if (force || newestMtime(serverSources) > stampTime('.server-built')) {
  if (force) fs.rmSync(path.join(dist, '.tsbuildinfo'), { force: true });
  run('the server', process.execPath, [bin('tsc'), '-p', 'tsconfig.build.json']);
  touch('.server-built');
}

const webSources = ['web', 'shared', 'package.json'];
if (fs.existsSync(path.join(root, 'web', 'index.html')) && (force || newestMtime(webSources) > stampTime('.web-built'))) {
  run('the web app', process.execPath, [bin('vite'), 'build', '--config', 'web/vite.config.ts', '--logLevel', quiet ? 'error' : 'warn']);
  touch('.web-built');
}
