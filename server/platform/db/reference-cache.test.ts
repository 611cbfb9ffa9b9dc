import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import type { Executor } from './database.js';
import { parseJson } from './column-types.js';
import { cachedReference } from './reference-cache.js';
import { inTransaction } from './transaction.js';

const at = '2026-12-02T09:00:00.000Z';

describe.each(testDatabases)('reference cache on %s', (dialect) => {
  let database: TestDatabase;
  let loads: number;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    loads = 0;
    await database.db.insertInto('settings').values({ key: 'test.colour', value: JSON.stringify({ colour: 'red' }), updatedAt: at }).execute();
  });
  afterEach(async () => {
    await database.destroy();
  });

  // Each test database has its own random version, so one key is safe across the tests of this file.
  const colour = (db: Executor = database.db) =>
    cachedReference(db, 'test-colour', async () => {
      loads++;
      const row = await db.selectFrom('settings').select('value').where('key', '=', 'test.colour').executeTakeFirstOrThrow();
      return parseJson<{ colour: string }>(row.value);
    });
  const setColour = (db: Executor, value: string) => db.updateTable('settings').set({ value: JSON.stringify({ colour: value }) }).where('key', '=', 'test.colour').execute();

  it('reads the data once while nothing changes, and hands out a frozen copy', async () => {
    expect(await colour()).toEqual({ colour: 'red' });
    expect(await colour()).toEqual({ colour: 'red' });
    expect(loads).toBe(1);
    expect(Object.isFrozen(await colour())).toBe(true);
  });

  it('sees a change made behind its back (raw SQL, another instance) at once', async () => {
    await colour();
    await sql`update settings set value = ${JSON.stringify({ colour: 'blue' })} where key = 'test.colour'`.execute(database.db);
    expect(await colour()).toEqual({ colour: 'blue' });
    expect(loads).toBe(2);
    // A table it does not read changed: still a new version (cheap to reload, never stale).
    await database.db.insertInto('teams').values({ name: 'Extra', description: '', tier: 2, isActive: true, createdAt: at, updatedAt: at }).execute();
    expect(await colour()).toEqual({ colour: 'blue' });
    expect(loads).toBe(3);
  });

  it('lets a transaction see its own change, and never serves a copy from a transaction that rolled back', async () => {
    await colour();
    await expect(
      inTransaction(database.db, async (tx) => {
        await setColour(tx, 'green');
        expect(await colour(tx)).toEqual({ colour: 'green' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await colour()).toEqual({ colour: 'red' });
    await inTransaction(database.db, (tx) => setColour(tx, 'green'));
    expect(await colour()).toEqual({ colour: 'green' });
  });

  it('bumps the version on insert, update and delete of every reference table', async () => {
    const version = async () => (await sql<{ value: string }>`select cast(value as text) as value from sequences where name = 'reference_version'`.execute(database.db)).rows[0]!.value;
    const seen = new Set([await version()]);
    const changed = async (write: () => Promise<unknown>) => {
      await write();
      const now = await version();
      expect(seen.has(now)).toBe(false);
      seen.add(now);
    };
    await changed(() => database.db.insertInto('settings').values({ key: 'test.other', value: '1', updatedAt: at }).execute());
    await changed(() => database.db.deleteFrom('settings').where('key', '=', 'test.other').execute());
    const team = await database.db.insertInto('teams').values({ name: 'T', description: '', tier: 1, isActive: true, createdAt: at, updatedAt: at }).returning('id').executeTakeFirstOrThrow();
    seen.add(await version());
    await changed(() => database.db.updateTable('teams').set({ name: 'T2' }).where('id', '=', team.id).execute());
    await changed(() =>
      database.db
        .insertInto('mailTemplates')
        .values({ key: 'ticket_received', subject: 's', bodyText: 't', bodyHtml: 'h', updatedAt: at })
        .execute(),
    );
  });
});
