import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import { startInstanceOn, type TestInstance } from '../../test/instances.js';
import { createFixedClock } from '../clock.js';

const minute = 60_000;

// Several instances only make sense on PostgreSQL (SQLite is the single-machine mode).
describe.runIf(testDatabases.includes('postgres'))('jobs on two app instances sharing one PostgreSQL', () => {
  let database: TestDatabase;
  let clock: ReturnType<typeof createFixedClock>;
  let instances: TestInstance[];

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    clock = createFixedClock('2026-11-23T09:00:00.000Z');
    instances = [];
  });
  afterEach(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.destroy();
  });

  const twoInstances = async (options: { clock?: typeof clock } = {}) => {
    instances = [await startInstanceOn(database, options), await startInstanceOn(database, options)];
    return instances as [TestInstance, TestInstance];
  };

  it('runs each due job exactly once while both instances poll', async () => {
    const [a, b] = await twoInstances();
    const runs = new Map<number, string[]>();
    for (const [label, instance] of [['a', a], ['b', b]] as const) {
      instance.context.jobs.register('count', async (_payload, context) => {
        runs.set(context.jobId, [...(runs.get(context.jobId) ?? []), label]);
        await sleep(2); // long enough that both instances get a share
      });
    }
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await (i % 2 ? a : b).context.jobs.schedule('count', { i }));

    await Promise.all([a.context.jobs.start(), b.context.jobs.start()]);
    await vi.waitFor(
      async () => {
        const done = await database.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('name', '=', 'count')
          .where('status', '=', 'done')
          .executeTakeFirstOrThrow();
        expect(Number(done.n)).toBe(60);
      },
      { timeout: 15_000, interval: 50 },
    );

    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(ids);
    expect([...runs.values()].filter((labels) => labels.length !== 1)).toEqual([]);
    const attempts = await database.db.selectFrom('jobs').select('attempts').where('name', '=', 'count').execute();
    expect(new Set(attempts.map((row) => row.attempts))).toEqual(new Set([1]));
  });

  it('never gives one job to both when they claim at the same instant', async () => {
    const [a, b] = await twoInstances({ clock });
    const runs = new Map<number, number>();
    for (const instance of [a, b]) {
      instance.context.jobs.register('count', async (_payload, context) => {
        runs.set(context.jobId, (runs.get(context.jobId) ?? 0) + 1);
      });
    }
    for (let i = 0; i < 40; i++) await a.context.jobs.schedule('count', { i });

    // Modules' own recurring jobs may run too; only this test's handler is counted.
    for (;;) {
      const [ranOnA, ranOnB] = await Promise.all([a.context.jobs.runDue(), b.context.jobs.runDue()]);
      if (ranOnA + ranOnB === 0) break;
    }
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('runs a recurring job once per period across both instances', async () => {
    const [a, b] = await twoInstances({ clock });
    const runs: string[] = [];
    for (const [label, instance] of [['a', a], ['b', b]] as const) {
      instance.context.jobs.register('sla.sweep', async () => {
        runs.push(`${label}@${clock.now().toISOString()}`);
      });
    }
    // Both instances declare it as they start, at the same time.
    await Promise.all([a.context.jobs.every('sla.sweep', minute), b.context.jobs.every('sla.sweep', minute)]);

    const ranPerPeriod: number[] = [];
    for (let period = 0; period < 3; period++) {
      clock.set(new Date(Date.parse('2026-11-23T09:00:00.000Z') + period * minute));
      const before = runs.length;
      // Twice each, side by side: the second look finds nothing left for this period.
      await Promise.all([a.context.jobs.runDue(), b.context.jobs.runDue()]);
      await Promise.all([a.context.jobs.runDue(), b.context.jobs.runDue()]);
      ranPerPeriod.push(runs.length - before);
    }
    expect(ranPerPeriod).toEqual([1, 1, 1]);
    expect(runs.map((run) => run.slice(2))).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T09:01:00.000Z', '2026-11-23T09:02:00.000Z']);
    expect(await database.db.selectFrom('jobs').select('id').where('name', '=', 'sla.sweep').execute()).toHaveLength(1);
  });
});
