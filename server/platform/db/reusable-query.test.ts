import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import { reusableInsert, reusableQuery, reusableQueryByShape } from './reusable-query.js';

describe.each(testDatabases)('reusable queries on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });

  afterAll(async () => {
    await database.destroy();
  });

  it('builds a query once and runs it with each call’s values', async () => {
    let builds = 0;
    const roleByKey = reusableQuery((db, values: { key: string }) => {
      builds++;
      return db.selectFrom('roles').select(['key', 'name']).where('key', '=', values.key);
    });
    const agent = await roleByKey.run(database.db, { key: 'agent' });
    const admin = await roleByKey.run(database.db, { key: 'admin' });
    const none = await roleByKey.run(database.db, { key: 'no-such-role' });
    expect(agent.rows.map((row) => row.key)).toEqual(['agent']);
    expect(admin.rows.map((row) => row.key)).toEqual(['admin']);
    expect(none.rows).toEqual([]);
    expect(builds).toBe(1);
  });

  it('keeps one compiled query per shape, for lists of different lengths', async () => {
    const shapes: string[] = [];
    const rolesIn = reusableQueryByShape((db, values: Record<string, string>, count: string) => {
      shapes.push(count);
      return db
        .selectFrom('roles')
        .select('key')
        .where('key', 'in', Array.from({ length: Number(count) }, (_, index) => values[`k${index}`]!))
        .orderBy('key');
    });
    expect((await rolesIn.run(database.db, '2', { k0: 'agent', k1: 'admin' })).rows.map((row) => row.key)).toEqual(['admin', 'agent']);
    expect((await rolesIn.run(database.db, '1', { k0: 'requester' })).rows.map((row) => row.key)).toEqual(['requester']);
    expect((await rolesIn.run(database.db, '2', { k0: 'manager', k1: 'requester' })).rows.map((row) => row.key)).toEqual(['manager', 'requester']);
    expect(shapes).toEqual(['2', '1']);
  });

  it('inserts rows by column list and row count, returning them, and hands rows holding an expression to Kysely', async () => {
    const insertOrganizations = reusableInsert('organizations', 'all');
    const at = new Date().toISOString();
    const organization = (name: string) => ({ name, membersSeeEachOther: false, createdAt: at, updatedAt: at });
    const [one] = await insertOrganizations<{ id: number; name: string }>(database.db, [organization('Acme')]);
    const two = await insertOrganizations<{ id: number; name: string }>(database.db, [organization('Globex'), organization('Initech')]);
    expect(one!.name).toBe('Acme');
    expect(two.map((row) => row.name).sort()).toEqual(['Globex', 'Initech']);
    // An expression cannot be a value of a reused statement: this row goes through Kysely as built.
    const [upper] = await insertOrganizations<{ name: string }>(database.db, [{ ...organization('x'), name: sql<string>`upper(${'umbrella'})` }]);
    expect(upper!.name).toBe('UMBRELLA');
    const names = await database.db.selectFrom('organizations').select('name').orderBy('name').execute();
    expect(names.map((row) => row.name)).toEqual(['Acme', 'Globex', 'Initech', 'UMBRELLA']);
  });
});
