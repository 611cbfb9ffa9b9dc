import crypto from 'node:crypto';
import os from 'node:os';
import type { Clock } from '../clock.js';
import { parseJson } from '../db/column-types.js';
import type { Database } from '../db/database.js';
import { createJobQueue, type AttemptFence, type JobRow } from './job-queue.js';
import type { JobHandler, JobScheduler, ScheduleOptions } from './job-scheduler.js';
import { defaultRetryPolicy, nextRecurringRun, retryDelayMs, type RetryPolicy } from './job-timing.js';

/** What the scheduler reports; pino's logger fits. */
export interface JobLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DatabaseJobSchedulerOptions {
  database: Database;
  clock: Clock;
  log: JobLog;
  /** Wait between looks for due jobs (config.jobPollIntervalMs). */
  pollIntervalMs: number;
  /** False on web-only instances: start() does not poll (jobs can still be scheduled for other instances). */
  enabled?: boolean;
  /** How long a claim holds a job before another instance may presume this one dead (renewed while running). */
  leaseMs?: number;
  /** Jobs this instance runs at the same time. */
  concurrency?: number;
  retry?: RetryPolicy;
  /** On stop, wait this long for running jobs before leaving them to their lease. */
  stopTimeoutMs?: number;
  /** Names this instance in `locked_by` (default host:pid:random). */
  instanceId?: string;
}

export interface DatabaseJobScheduler extends JobScheduler {
  readonly instanceId: string;
}

const defaultMaxAttempts = 5;
const keepFinishedMs = 7 * 24 * 3_600_000;
const maintenanceEveryMs = 3_600_000;

/** The database-backed scheduler: jobs live in the `jobs` table, so they survive restarts and are shared by instances. */
export function createDatabaseJobScheduler(options: DatabaseJobSchedulerOptions): DatabaseJobScheduler {
  const { clock, log } = options;
  const queue = createJobQueue(options.database.db, options.database.dialect);
  const leaseMs = options.leaseMs ?? 60_000;
  const concurrency = options.concurrency ?? 4;
  const retry = options.retry ?? defaultRetryPolicy;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

  const handlers = new Map<string, JobHandler>();
  const recurring = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let tickInProgress: Promise<void> | undefined;
  let lastMaintenanceAt = 0;

  const now = () => clock.now();
  const iso = (date: Date) => date.toISOString();
  const recurringKey = (name: string) => `every:${name}`;

  async function maintain(at: Date): Promise<void> {
    // Running jobs whose instance died on their last attempt would otherwise stay "running" forever.
    for (const row of await queue.findAbandonedExhausted(iso(at))) {
      const fence = fenceOf(row);
      if (row.intervalMs !== null) {
        await queue.requeue(fence, { runAt: iso(nextRecurringRun(new Date(row.runAt), row.intervalMs, at)), resetAttempts: true, lastError: 'lease expired' }, iso(at));
      } else {
        await queue.markFailed(fence, 'lease expired: the instance running it stopped before it finished', iso(at));
      }
      log.warn({ jobId: row.id, job: row.name }, 'job abandoned by a stopped instance on its last attempt');
    }
    if (at.getTime() - lastMaintenanceAt >= maintenanceEveryMs) {
      lastMaintenanceAt = at.getTime();
      await queue.pruneFinished(iso(new Date(at.getTime() - keepFinishedMs)));
    }
  }

  /** Claims up to `limit` jobs and starts them; the returned promises settle when each attempt is recorded. */
  async function claimAndStart(limit: number): Promise<Promise<void>[]> {
    const at = now();
    await maintain(at);
    const rows = await queue.claim({
      names: [...handlers.keys()],
      now: iso(at),
      lockedBy: instanceId,
      leaseUntil: iso(new Date(at.getTime() + leaseMs)),
      limit,
    });
    return rows.map((row) => {
      const run = execute(row).finally(() => inFlight.delete(run));
      inFlight.add(run);
      return run;
    });
  }

  async function execute(row: JobRow): Promise<void> {
    const handler = handlers.get(row.name);
    if (!handler) return; // Unreachable: only registered names are claimed.
    const fence = fenceOf(row);
    const renewal = setInterval(() => {
      const at = now();
      queue.renewLease(fence, iso(new Date(at.getTime() + leaseMs)), iso(at)).then(
        (held) => {
          if (!held) log.warn({ jobId: row.id, job: row.name }, 'job lease lost: another instance took the job over');
        },
        (error: unknown) => log.error({ err: error, jobId: row.id }, 'could not renew job lease'),
      );
    }, Math.max(1_000, Math.floor(leaseMs / 3)));
    renewal.unref();
    let failure: unknown;
    try {
      await handler(parseJson(row.payload), { jobId: row.id, attempt: row.attempts });
    } catch (error) {
      failure = error;
    } finally {
      clearInterval(renewal);
    }
    try {
      await record(row, fence, failure);
    } catch (error) {
      // The lease runs out and another attempt follows: at-least-once, never silently dropped.
      log.error({ err: error, jobId: row.id, job: row.name }, 'could not record the outcome of a job');
    }
  }

  async function record(row: JobRow, fence: AttemptFence, failure: unknown): Promise<void> {
    const at = now();
    if (failure === undefined) {
      if (row.intervalMs === null) await queue.markDone(fence, iso(at));
      else await queue.requeue(fence, { runAt: iso(nextRecurringRun(new Date(row.runAt), row.intervalMs, at)), resetAttempts: true, lastError: null, finishedAt: iso(at) }, iso(at));
      return;
    }
    const message = failure instanceof Error ? failure.message : String(failure);
    const attemptsLeft = row.attempts < row.maxAttempts;
    log.error({ err: failure, jobId: row.id, job: row.name, attempt: row.attempts, maxAttempts: row.maxAttempts }, attemptsLeft ? 'job failed; will retry' : 'job failed for the last time');
    if (attemptsLeft) {
      await queue.requeue(fence, { runAt: iso(new Date(at.getTime() + retryDelayMs(row.attempts, retry))), resetAttempts: false, lastError: message }, iso(at));
    } else if (row.intervalMs !== null) {
      // A recurring job is never given up: it tries again next period.
      await queue.requeue(fence, { runAt: iso(nextRecurringRun(new Date(row.runAt), row.intervalMs, at)), resetAttempts: true, lastError: message }, iso(at));
    } else {
      await queue.markFailed(fence, message, iso(at));
    }
  }

  async function tick(): Promise<void> {
    timer = undefined;
    let claimedFully = false;
    try {
      const capacity = concurrency - inFlight.size;
      if (capacity > 0) {
        const runs = await claimAndStart(capacity);
        claimedFully = runs.length === capacity;
        // A finished job frees a slot: look again at once rather than after a whole poll interval.
        for (const run of runs) void run.then(wake);
      }
    } catch (error) {
      log.error({ err: error }, 'could not look for due jobs');
    }
    if (started && !timer) timer = setTimeout(wake, claimedFully ? 0 : options.pollIntervalMs);
  }

  function wake(): void {
    if (!started || tickInProgress) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    tickInProgress = tick().finally(() => {
      tickInProgress = undefined;
    });
  }

  return {
    instanceId,
    register(name, handler) {
      handlers.set(name, handler as JobHandler);
    },

    async schedule(name, payload, scheduleOptions: ScheduleOptions = {}) {
      const at = now();
      const runAt = scheduleOptions.runAt === undefined ? at : new Date(scheduleOptions.runAt);
      if (Number.isNaN(runAt.getTime())) throw new TypeError(`Job ${name}: runAt is not a valid date.`);
      const id = await queue.enqueue({
        name,
        payload,
        runAt: iso(runAt),
        uniqueKey: scheduleOptions.uniqueKey ?? null,
        maxAttempts: scheduleOptions.maxAttempts ?? defaultMaxAttempts,
        now: iso(at),
      });
      if (runAt.getTime() <= at.getTime()) setImmediate(wake);
      return id;
    },

    async every(name, intervalMs) {
      if (!Number.isInteger(intervalMs) || intervalMs < 1_000) throw new RangeError(`Job ${name}: the interval must be at least 1000 ms.`);
      recurring.set(name, intervalMs);
      const at = iso(now());
      // The first run is due at once: a desk that starts should not wait a whole period for its sweeps.
      await queue.ensureRecurring(name, recurringKey(name), intervalMs, at, at);
    },

    async cancel(uniqueKey) {
      await queue.cancel(uniqueKey);
    },

    async runDue() {
      const runs = await claimAndStart(concurrency);
      await Promise.all(runs);
      return runs.length;
    },

    async start() {
      if (started || options.enabled === false) return;
      started = true;
      // Recurring rows may have been deleted by hand or a restore; declare them again.
      for (const [name, intervalMs] of recurring) {
        const at = iso(now());
        await queue.ensureRecurring(name, recurringKey(name), intervalMs, at, at);
      }
      // Jobs that fell due while no instance was running are claimed on this first look.
      wake();
    },

    async stop() {
      if (!started) return;
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await tickInProgress;
      if (inFlight.size === 0) return;
      let giveUp: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<false>((resolve) => {
          giveUp = setTimeout(() => resolve(false), stopTimeoutMs);
        }),
      ]);
      clearTimeout(giveUp);
      if (!waited) log.warn({ running: inFlight.size }, 'stopping with jobs still running; their leases will expire and they will run again');
    },
  };
}

function fenceOf(row: JobRow): AttemptFence {
  return { id: row.id, lockedBy: row.lockedBy ?? '', attempts: row.attempts };
}
