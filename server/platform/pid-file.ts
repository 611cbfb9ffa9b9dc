import fs from 'node:fs';
import path from 'node:path';

/** DATA_DIR/linchpin.pid marks a running server, so `restore` never swaps the database under it. */
export function pidFilePath(dataDir: string): string {
  return path.join(dataDir, 'linchpin.pid');
}

export function writePidFile(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(pidFilePath(dataDir), String(process.pid));
}

export function removePidFile(dataDir: string): void {
  try {
    if (fs.readFileSync(pidFilePath(dataDir), 'utf8') === String(process.pid)) fs.rmSync(pidFilePath(dataDir));
  } catch {
    // Already gone.
  }
}

/** The pid of a live server using this data folder, if any. */
export function runningServerPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFilePath(dataDir), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}
