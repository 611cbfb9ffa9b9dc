import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { SqliteReadPool } from './sqlite-read-pool.js';

describe('SQLite read workers', () => {
  let folder: string;
  let database: Database;
  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-read-pool-'));
    database = await openDatabase({ sqliteFile: path.join(folder, 'desk.sqlite') });
    await sql`create table notes (id integer primary key, body text not null, is_done integer not null)`.execute(database.db);
    await sql`insert into notes (body, is_done) values ('first', 0), ('second', 1)`.execute(database.db);
  });
  afterEach(async () => {
    await database.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reads what was committed, with booleans passed as SQLite stores them', async () => {
    const rows = await sql<{ body: string }>`select body from notes where is_done = ${true}`.execute(database.heavyReads);
    expect(rows.rows).toEqual([{ body: 'second' }]);
    await sql`insert into notes (body, is_done) values ('third', 1)`.execute(database.db);
    const after = await database.heavyReads.selectFrom('notes' as never).select(sql<number>`count(*)`.as('count')).execute();
    expect(after).toEqual([{ count: 3 }]);
  });

  it('refuses writes and transactions, and reports SQL errors with their code', async () => {
    await expect(sql`delete from notes`.execute(database.heavyReads)).rejects.toThrow(/only reads/i);
    await expect(database.heavyReads.transaction().execute(async () => undefined)).rejects.toThrow(/transactions/);
    await expect(sql`select missing from notes`.execute(database.heavyReads)).rejects.toMatchObject({ code: 'SQLITE_ERROR', message: expect.stringMatching(/no such column/) });
    // Nothing was deleted, and the worker still answers after an error.
    expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(database.heavyReads)).rows).toEqual([{ n: 2 }]);
  });

  it('runs queries at once on up to its size of workers, and stops all but one when idle', async () => {
    const pool = new SqliteReadPool(path.join(folder, 'desk.sqlite'), { size: 2, idleMs: 50 });
    try {
      const answers = await Promise.all([1, 2, 3, 4].map((n) => pool.all('select ? as n, count(*) as notes from notes', [n])));
      expect(answers).toEqual([1, 2, 3, 4].map((n) => [{ n, notes: 2 }]));
      expect(pool.running).toBe(2);
      // The first worker stays, with its caches warm; the second stops.
      await expect.poll(() => pool.running, { timeout: 5_000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(pool.running).toBe(1);
      expect(await pool.all('select body from notes order by id limit 1', [])).toEqual([{ body: 'first' }]);
    } finally {
      await pool.close();
    }
    await expect(pool.all('select 1', [])).rejects.toThrow(/closed/);
  });
});
