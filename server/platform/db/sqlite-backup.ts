import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { migrations } from './migrations/index.js';

export class BackupError extends Error {}

/** Online backup: a consistent copy while the desk keeps running (SQLite's backup API). */
export async function backupSqlite(source: SqliteDatabase.Database, target: string): Promise<{ bytes: number }> {
  const absolute = path.resolve(target);
  if (fs.existsSync(absolute)) throw new BackupError(`${absolute} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const partial = `${absolute}.partial`;
  await source.backup(partial);
  fs.renameSync(partial, absolute);
  return { bytes: fs.statSync(absolute).size };
}

/** Checks that `file` is a Linchpin database this version can run; returns its applied migrations. */
export function inspectBackup(file: string): string[] {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  let candidate: SqliteDatabase.Database;
  try {
    candidate = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not an SQLite database: ${(error as Error).message}`);
  }
  try {
    const applied = (candidate.prepare('select name from schema_migrations order by name').all() as { name: string }[]).map((r) => r.name);
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length > 0) throw new BackupError(`${file} was made by a newer Linchpin (migration ${unknown.at(-1)}); upgrade first.`);
    return applied;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a Linchpin backup (${(error as Error).message}).`);
  } finally {
    candidate.close();
  }
}

/** Replaces the database file with the backup: written beside it, then renamed, so a crash leaves one or the other. */
export function restoreSqlite(backupFile: string, databaseFile: string): void {
  inspectBackup(backupFile);
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const staging = `${databaseFile}.restoring`;
  fs.copyFileSync(backupFile, staging);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.renameSync(staging, databaseFile);
}
