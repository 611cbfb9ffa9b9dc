import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The version in package.json (works from the sources and from dist/). */
export function packageVersion(): string {
  if (cached) return cached;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(folder, 'package.json');
    if (fs.existsSync(candidate)) {
      cached = (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { version: string }).version;
      return cached;
    }
    folder = path.dirname(folder);
  }
  return '0.0.0';
}
