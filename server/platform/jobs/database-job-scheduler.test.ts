import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import { createFixedClock } from '../clock.js';
import { parseJson } from '../db/column-types.js';
import { createDatabaseJobScheduler, type DatabaseJobSchedulerOptions, type JobLog } from './database-job-scheduler.js';
import type { JobContext } from './job-scheduler.js';

const silent: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const start = '2026-11-23T09:00:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(start) + offsetMs).toISOString();
const minute = 60_000;

describe.each(testDatabases)('job scheduler on %s', (dialect) => {
  let database: TestDatabase;
  let clock: ReturnType<typeof createFixedClock>;
  const schedulers: { stop(): Promise<void> }[] = [];

  const scheduler = (options: Partial<DatabaseJobSchedulerOptions> = {}) => {
    const created = createDatabaseJobScheduler({ database, clock, log: silent, pollIntervalMs: 50, ...options });
    schedulers.push(created);
    return created;
  };
  const job = async (id: number) => database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock = createFixedClock(start);
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await database.destroy();
  });

  it('runs a delayed job when it falls due and not a moment before', async () => {
    const jobs = scheduler();
    const seen: unknown[] = [];
    jobs.register<{ ticketId: number }>('sla.check', async (payload) => {
      seen.push(payload);
    });
    const id = await jobs.schedule('sla.check', { ticketId: 1042 }, { runAt: at(5 * minute) });

    expect(await jobs.runDue()).toBe(0);
    clock.set(at(5 * minute - 1));
    expect(await jobs.runDue()).toBe(0);
    expect(seen).toEqual([]);

    clock.set(at(5 * minute));
    expect(await jobs.runDue()).toBe(1);
    expect(seen).toEqual([{ ticketId: 1042 }]);
    const row = await job(id);
    expect(row).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lastError: null, finishedAt: at(5 * minute) });
    expect(await jobs.runDue()).toBe(0);
  });

  it('replaces the pending job with the same unique key, and cancels it by key', async () => {
    const jobs = scheduler();
    const seen: unknown[] = [];
    jobs.register('remind', async (payload) => {
      seen.push(payload);
    });
    const first = await jobs.schedule('remind', { version: 1 }, { runAt: at(10 * minute), uniqueKey: 'remind:ticket:7' });
    const second = await jobs.schedule('remind', { version: 2 }, { runAt: at(20 * minute), uniqueKey: 'remind:ticket:7' });
    expect(second).toBe(first);
    const rows = await database.db.selectFrom('jobs').selectAll().where('uniqueKey', '=', 'remind:ticket:7').execute();
    expect(rows).toHaveLength(1);
    expect(parseJson(rows[0]!.payload)).toEqual({ version: 2 });

    clock.set(at(10 * minute));
    expect(await jobs.runDue()).toBe(0);
    clock.set(at(20 * minute));
    expect(await jobs.runDue()).toBe(1);
    expect(seen).toEqual([{ version: 2 }]);

    await jobs.schedule('remind', { version: 3 }, { runAt: at(30 * minute), uniqueKey: 'remind:ticket:7' });
    await jobs.cancel('remind:ticket:7');
    clock.set(at(60 * minute));
    expect(await jobs.runDue()).toBe(0);
    expect(seen).toEqual([{ version: 2 }]);
  });

  it('lets a job rescheduled under its key while running supersede the failing run instead of retrying it', async () => {
    const jobs = scheduler();
    const seen: unknown[] = [];
    jobs.register('remind', async (payload) => {
      seen.push(payload);
      if ((payload as { version: number }).version === 1) {
        // The ticket changed while the first reminder ran: a newer one is queued under the same key.
        await jobs.schedule('remind', { version: 2 }, { runAt: at(minute), uniqueKey: 'remind:ticket:9' });
        throw new Error('recipient unreachable');
      }
    });
    const first = await jobs.schedule('remind', { version: 1 }, { uniqueKey: 'remind:ticket:9' });
    expect(await jobs.runDue()).toBe(1);
    expect(await job(first)).toMatchObject({ status: 'done', lastError: 'superseded by a newer job with the same key' });

    clock.set(at(minute));
    expect(await jobs.runDue()).toBe(1);
    expect(seen).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('retries a failing job with exponential back-off, then marks it failed', async () => {
    const jobs = scheduler({ retry: { baseDelayMs: 1_000, maxDelayMs: 60_000 } });
    const attempts: number[] = [];
    jobs.register('send.mail', async (_payload, context: JobContext) => {
      attempts.push(context.attempt);
      throw new Error('mail server down');
    });
    const id = await jobs.schedule('send.mail', { to: 'a@example.com' }, { maxAttempts: 3 });

    expect(await jobs.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 1, runAt: at(1_000), lastError: 'mail server down' });

    clock.set(at(999));
    expect(await jobs.runDue()).toBe(0);
    clock.set(at(1_000));
    expect(await jobs.runDue()).toBe(1);
    // Second failure at +1 s waits 2 s: due at +3 s.
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 2, runAt: at(3_000) });

    clock.set(at(2_999));
    expect(await jobs.runDue()).toBe(0);
    clock.set(at(3_000));
    expect(await jobs.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'mail server down', finishedAt: at(3_000) });

    clock.set(at(24 * 60 * minute));
    expect(await jobs.runDue()).toBe(0);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('runs a job again on another instance when the instance running it dies and its lease expires', async () => {
    // The "crashed" instance keeps its own clock: its lease renewals never reach the later instant.
    const crashedClock = createFixedClock(start);
    const crashed = scheduler({ clock: crashedClock, leaseMs: minute, instanceId: 'crashed' });
    const survivor = scheduler({ leaseMs: minute, instanceId: 'survivor' });
    const calls: string[] = [];
    let releaseCrashed!: () => void;
    let crashedStarted!: () => void;
    const started = new Promise<void>((resolve) => (crashedStarted = resolve));
    crashed.register('import', async (_payload, context) => {
      calls.push(`crashed attempt ${context.attempt}`);
      crashedStarted();
      await new Promise<void>((resolve) => (releaseCrashed = resolve));
    });
    survivor.register('import', async (_payload, context) => {
      calls.push(`survivor attempt ${context.attempt}`);
    });
    const id = await survivor.schedule('import', { file: 'users.csv' });

    const hung = crashed.runDue();
    await started;
    expect(await job(id)).toMatchObject({ status: 'running', lockedBy: 'crashed', lockedUntil: at(minute) });

    clock.set(at(minute - 1));
    expect(await survivor.runDue()).toBe(0);
    clock.set(at(minute + 1));
    expect(await survivor.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });

    // The dead instance's late outcome must not overwrite the newer attempt's.
    releaseCrashed();
    await hung;
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(calls).toEqual(['crashed attempt 1', 'survivor attempt 2']);
  });

  it('marks a job failed when its instance dies during the last attempt', async () => {
    const crashed = scheduler({ clock: createFixedClock(start), leaseMs: minute, instanceId: 'crashed' });
    const survivor = scheduler({ leaseMs: minute });
    let crashedStarted!: () => void;
    const started = new Promise<void>((resolve) => (crashedStarted = resolve));
    crashed.register('import', async () => {
      crashedStarted();
      await new Promise(() => undefined);
    });
    survivor.register('import', async () => undefined);
    const id = await survivor.schedule('import', {}, { maxAttempts: 1 });
    void crashed.runDue();
    await started;

    clock.set(at(minute + 1));
    expect(await survivor.runDue()).toBe(0);
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await job(id)).lastError).toMatch(/lease expired/);
  });

  it('runs a recurring job once per period, skipping periods missed while down', async () => {
    const jobs = scheduler();
    const runs: string[] = [];
    jobs.register('sla.sweep', async () => {
      runs.push(clock.now().toISOString());
    });
    await jobs.every('sla.sweep', minute);
    await jobs.every('sla.sweep', minute); // a second declaration (another instance starting) adds no row

    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0);
    clock.set(at(minute - 1));
    expect(await jobs.runDue()).toBe(0);
    clock.set(at(minute));
    expect(await jobs.runDue()).toBe(1);

    // Down from +1 min to +10.5 min: one run on return, the next on the following boundary (+11 min).
    clock.set(at(10.5 * minute));
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0);
    const rows = await database.db.selectFrom('jobs').selectAll().where('name', '=', 'sla.sweep').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', runAt: at(11 * minute), attempts: 0, intervalMs: minute });
    expect(runs).toEqual([at(0), at(minute), at(10.5 * minute)]);
  });

  it('runs at start a job that fell due while no instance was running', async () => {
    const before = scheduler();
    await before.schedule('digest', { week: 48 }, { runAt: at(minute) });
    await before.stop();

    clock.set(at(60 * minute));
    const after = scheduler();
    const ran = new Promise<unknown>((resolve) => after.register('digest', async (payload) => resolve(payload)));
    await after.start();
    expect(await ran).toEqual({ week: 48 });
  });

  it('does not poll when jobs are disabled on this instance, yet still accepts new jobs', async () => {
    const webOnly = scheduler({ enabled: false });
    let ran = false;
    webOnly.register('digest', async () => {
      ran = true;
    });
    const id = await webOnly.schedule('digest', {});
    await webOnly.start();
    await webOnly.stop();
    expect(ran).toBe(false);
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
