import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Outcome } from './scenarios.js';

export interface BundleSizes {
  /** Gzipped bytes of the files index.html loads first (its scripts and styles). */
  initialGzipBytes: number;
  /** Gzipped bytes of every .js and .css file. */
  totalGzipBytes: number;
  largest: { file: string; gzipBytes: number } | null;
  files: number;
}

/** B9: gzip (level 6, what servers use) of the built web app's scripts and styles. */
export function measureBundles(webDir: string): BundleSizes | null {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) return null;
  const sizes = new Map<string, number>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.(js|css)$/.test(entry.name)) sizes.set(path.relative(webDir, full), zlib.gzipSync(fs.readFileSync(full), { level: 6 }).length);
    }
  };
  visit(webDir);
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const largest = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0];
  return {
    initialGzipBytes: initial.reduce((sum, file) => sum + (sizes.get(file) ?? 0), 0),
    totalGzipBytes: [...sizes.values()].reduce((a, b) => a + b, 0),
    largest: largest ? { file: largest[0], gzipBytes: largest[1] } : null,
    files: sizes.size,
  };
}

export interface BenchReport {
  date: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverage: number[] };
  dialect: string;
  tickets: number;
  seconds: number;
  generatedSeconds: number | null;
  results: Record<string, { title: string; unit: string; outcome: Outcome }>;
  memory: { idleMiB: number | null; peakMiB: number | null; afterLoadMiB: number | null } | null;
  bundles: BundleSizes | null | 'skipped';
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function formatTable(report: BenchReport): string {
  const rows: string[][] = [['', 'benchmark', 'throughput', 'p50 ms', 'p99 ms', 'notes']];
  for (const [id, { title, unit, outcome }] of Object.entries(report.results)) {
    if (outcome.kind === 'not-available') rows.push([id, title, 'n/a', '', '', outcome.reason]);
    else {
      const failed = Object.entries(outcome.failures).map(([status, count]) => `${count}×${status}`).join(' ');
      const cpu = outcome.serverCpuMs === null || outcome.serverCpuMs === undefined ? '' : `, server CPU ${ms(outcome.serverCpuMs)} ms each`;
      rows.push([id, title, `${outcome.perSecond.toFixed(0)} ${unit}`, ms(outcome.p50Ms), ms(outcome.p99Ms), `${failed ? `failures: ${failed}` : `${outcome.completed} ok`}${cpu}`]);
    }
  }
  if (report.memory) {
    const m = report.memory;
    rows.push(['B8', 'server memory (RSS)', '', '', '', `idle ${m.idleMiB?.toFixed(0) ?? '?'} MiB, peak ${m.peakMiB?.toFixed(0) ?? '?'} MiB, after load ${m.afterLoadMiB?.toFixed(0) ?? '?'} MiB`]);
  }
  if (report.bundles !== 'skipped') {
    const b = report.bundles;
    rows.push(['B9', 'web bundles (gzip)', '', '', '', b ? `first load ${kib(b.initialGzipBytes)}, all ${b.files} files ${kib(b.totalGzipBytes)}, largest ${b.largest?.file ?? '-'} ${kib(b.largest?.gzipBytes ?? 0)}` : 'n/a (dist/web not built)']);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 2 || c === 3 || c === 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [
    `Linchpin benchmark — ${report.tickets.toLocaleString('en')} tickets on ${report.dialect}, ${report.seconds} s per benchmark`,
    `${report.date} · commit ${report.commit} · ${report.machine.cpus} × ${report.machine.cpuModel} · ${report.machine.memoryGiB.toFixed(0)} GiB · Node ${report.machine.node} · load ${report.machine.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
    '',
    line(rows[0]!),
    ...rows.slice(1).map(line),
    '',
  ].join('\n');
}
