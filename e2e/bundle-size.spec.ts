import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

const webRoot = path.resolve(import.meta.dirname, '../dist/web');
interface Chunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/** gzipped bytes of an area's first download: the entry, the area's chunk and everything they import statically. */
export function initialJavaScript(area: string): { bytes: number; files: string[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(webRoot, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit('index.html');
  visit(`src/features/${area}/${area}-area.tsx`);
  const files = [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
  const bytes = files.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(webRoot, file))).length, 0);
  return { bytes, files };
}

describe('the size of what each area downloads first', () => {
  it.each([
    ['portal', 120],
    ['desk', 300],
  ])('%s stays within %i KB gzipped', (area, budgetKb) => {
    const { bytes, files } = initialJavaScript(area);
    process.stdout.write(`${area}: ${(bytes / 1024).toFixed(1)} KB gzipped initial JavaScript (${files.length} files)\n`);
    expect(bytes / 1024).toBeLessThanOrEqual(budgetKb);
  });
});
