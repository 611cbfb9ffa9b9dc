import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import type { Executor } from './database.js';
import { createGroupCommit } from './group-commit.js';
import { inTransaction } from './transaction.js';

const at = '2026-12-01T06:00:00.000Z';
const insert = (tx: Executor, body: string) => tx.insertInto('eventPayloads').values({ body, createdAt: at }).execute();

describe.each(testDatabases)('group commit on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  const stored = async () => (await database.db.selectFrom('eventPayloads').select('body').orderBy('id').execute()).map((row) => row.body);

  it('commits units that arrive together once, and rolls back only the unit that failed', async () => {
    const commits = createGroupCommit(database.db);
    const seenByOthers: string[][] = [];
    const transactionIds: unknown[] = [];
    const unit = (body: string, fail = false) =>
      commits.run(async (tx) => {
        await insert(tx, body);
        if (dialect === 'postgres') transactionIds.push((await sql<{ id: string }>`select txid_current() as id`.execute(tx)).rows[0]!.id);
        // Outside the transaction nothing of the batch is visible yet: the earlier units have not committed alone.
        seenByOthers.push(await stored());
        if (fail) throw new Error(`${body} failed`);
        return body;
      });

    const outcomes = await Promise.allSettled([unit('first'), unit('second', true), unit('third')]);

    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message))).toEqual(['first', 'second failed', 'third']);
    expect(await stored()).toEqual(['first', 'third']);
    if (dialect === 'sqlite') expect(seenByOthers).toEqual([[], [], []]);
    if (dialect === 'postgres') expect(new Set(transactionIds).size).toBe(1);
  });

  it('fails every unit of a batch whose commit fails, and stores none of them', async () => {
    const commits = createGroupCommit(database.db);
    const unit = (body: string) =>
      commits.run(async (tx) => {
        await insert(tx, body);
        // A unit that breaks the transaction itself (not only its savepoint) takes the whole batch with it.
        if (body === 'breaks') await sql`rollback`.execute(tx);
        return body;
      });
    const outcomes = await Promise.allSettled([unit('before'), unit('breaks')]);
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(await stored()).toEqual([]);
    // The committer is not stuck: the next unit commits.
    await commits.run((tx) => insert(tx, 'after'));
    expect(await stored()).toEqual(['after']);
  });
});

describe('the SQLite reader connection', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('answers reads while a write transaction is open, with what was committed, and never waits for it', async () => {
    const { db } = database;
    await inTransaction(db, (tx) => insert(tx, 'committed'));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    const writing = inTransaction(db, async (tx) => {
      await insert(tx, 'open');
      inserted();
      await held;
    });
    await insertedOnce;
    // Built and raw reads both go to the reader while the writer is held.
    expect((await db.selectFrom('eventPayloads').select('body').execute()).map((row) => row.body)).toEqual(['committed']);
    expect((await sql<{ n: number }>`select count(*) as n from event_payloads`.execute(db)).rows[0]!.n).toBe(1);
    release();
    await writing;
    expect((await db.selectFrom('eventPayloads').select('body').orderBy('id').execute()).map((row) => row.body)).toEqual(['committed', 'open']);
  });
});
