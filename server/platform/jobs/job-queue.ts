import { sql, type Selectable } from 'kysely';
import type { Db, Dialect } from '../db/database.js';
import type { JobsTable } from './jobs.tables.js';

export type JobRow = Selectable<JobsTable>;

/** The row's identity while one attempt runs: updates carry it so a lost lease cannot overwrite a newer attempt. */
export interface AttemptFence {
  id: number;
  lockedBy: string;
  attempts: number;
}

export interface EnqueueInput {
  name: string;
  payload: unknown;
  runAt: string;
  uniqueKey: string | null;
  maxAttempts: number;
  now: string;
}

const pending = sql.lit<'pending'>('pending');

/** Every SQL statement of the scheduler. Times are ISO-8601 UTC strings, compared as instants on both databases. */
export function createJobQueue(db: Db, dialect: Dialect) {
  const fenced = (fence: AttemptFence) =>
    db
      .updateTable('jobs')
      .where('id', '=', fence.id)
      .where('status', '=', 'running')
      .where('lockedBy', '=', fence.lockedBy)
      .where('attempts', '=', fence.attempts);

  return {
    /** Inserts a job; with a unique key, replaces the pending one's time and payload instead. */
    async enqueue(input: EnqueueInput): Promise<number> {
      const insert = db.insertInto('jobs').values({
        name: input.name,
        payload: JSON.stringify(input.payload ?? null),
        runAt: input.runAt,
        uniqueKey: input.uniqueKey,
        maxAttempts: input.maxAttempts,
        intervalMs: null,
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        createdAt: input.now,
        updatedAt: input.now,
        finishedAt: null,
      });
      const row = await (input.uniqueKey === null
        ? insert
        : // The conflict target repeats the partial index's predicate (as a literal) so both databases pick that index.
          insert.onConflict((conflict) =>
            conflict
              .column('uniqueKey')
              .where('status', '=', pending)
              .doUpdateSet((eb) => ({
                name: eb.ref('excluded.name'),
                payload: eb.ref('excluded.payload'),
                runAt: eb.ref('excluded.runAt'),
                maxAttempts: eb.ref('excluded.maxAttempts'),
                attempts: 0,
                lastError: null,
                updatedAt: input.now,
              })),
          )
      )
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Creates the single row of a recurring job unless it exists (pending or running); keeps its interval current. */
    async ensureRecurring(name: string, uniqueKey: string, intervalMs: number, firstRunAt: string, now: string): Promise<void> {
      const existing = await db
        .selectFrom('jobs')
        .select(['id', 'intervalMs'])
        .where('uniqueKey', '=', uniqueKey)
        .where('status', 'in', ['pending', 'running'])
        .executeTakeFirst();
      if (existing) {
        if (existing.intervalMs !== intervalMs) {
          await db.updateTable('jobs').set({ intervalMs, updatedAt: now }).where('id', '=', existing.id).execute();
        }
        return;
      }
      // Two instances starting together both get here; the partial unique index lets only one row in.
      await db
        .insertInto('jobs')
        .values({
          name,
          payload: 'null',
          runAt: firstRunAt,
          uniqueKey,
          intervalMs,
          lockedBy: null,
          lockedUntil: null,
          lastError: null,
          createdAt: now,
          updatedAt: now,
          finishedAt: null,
        })
        .onConflict((conflict) => conflict.column('uniqueKey').where('status', '=', pending).doNothing())
        .execute();
    },

    async cancel(uniqueKey: string): Promise<void> {
      await db.deleteFrom('jobs').where('uniqueKey', '=', uniqueKey).where('status', '=', 'pending').execute();
    },

    /**
     * Takes up to `limit` due jobs for this instance in one statement: pending ones whose time has come and
     * running ones whose lease ran out (their instance died). PostgreSQL: FOR UPDATE SKIP LOCKED lets
     * instances claim side by side without waiting on or double-taking each other's rows. SQLite: one
     * writer at a time makes the single UPDATE … RETURNING atomic.
     */
    async claim(options: { names: string[]; now: string; lockedBy: string; leaseUntil: string; limit: number }): Promise<JobRow[]> {
      if (options.names.length === 0 || options.limit <= 0) return [];
      let due = db
        .selectFrom('jobs')
        .select('id')
        .where('name', 'in', options.names)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('runAt', '<=', options.now)]),
            eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', options.now), eb('attempts', '<', eb.ref('maxAttempts'))]),
          ]),
        )
        .orderBy('runAt')
        .orderBy('id')
        .limit(options.limit);
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      return db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          lockedBy: options.lockedBy,
          lockedUntil: options.leaseUntil,
          attempts: eb('attempts', '+', 1),
          updatedAt: options.now,
        }))
        .where('id', 'in', due)
        .returningAll()
        .execute();
    },

    /** Running jobs whose lease expired with no attempts left: their instance died on the last try. */
    async findAbandonedExhausted(now: string): Promise<JobRow[]> {
      return db
        .selectFrom('jobs')
        .selectAll()
        .where('status', '=', 'running')
        .where('lockedUntil', '<', now)
        .where((eb) => eb('attempts', '>=', eb.ref('maxAttempts')))
        .limit(100)
        .execute();
    },

    /** Extends the lease while the attempt runs; false when the lease was lost to another instance. */
    async renewLease(fence: AttemptFence, leaseUntil: string, now: string): Promise<boolean> {
      const result = await fenced(fence).set({ lockedUntil: leaseUntil, updatedAt: now }).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async markDone(fence: AttemptFence, now: string): Promise<boolean> {
      const result = await fenced(fence)
        .set({ status: 'done', lockedBy: null, lockedUntil: null, lastError: null, finishedAt: now, updatedAt: now })
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async markFailed(fence: AttemptFence, error: string, now: string): Promise<boolean> {
      const result = await fenced(fence)
        .set({ status: 'failed', lockedBy: null, lockedUntil: null, lastError: error, finishedAt: now, updatedAt: now })
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Puts the job back in the queue for `runAt`. A one-off job whose key was scheduled again while it ran
     * is superseded by that newer job (the key allows one pending row), so it finishes instead.
     */
    async requeue(
      fence: AttemptFence,
      values: { runAt: string; resetAttempts: boolean; lastError: string | null; finishedAt?: string },
      now: string,
    ): Promise<'requeued' | 'superseded' | 'lost'> {
      const result = await fenced(fence)
        .set({
          status: 'pending',
          runAt: values.runAt,
          lockedBy: null,
          lockedUntil: null,
          lastError: values.lastError,
          updatedAt: now,
          ...(values.resetAttempts ? { attempts: 0 } : {}),
          ...(values.finishedAt ? { finishedAt: values.finishedAt } : {}),
        })
        .where((eb) =>
          eb.or([
            eb('uniqueKey', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('jobs as newer')
                  .select('newer.id')
                  .whereRef('newer.uniqueKey', '=', 'jobs.uniqueKey')
                  .where('newer.status', '=', 'pending'),
              ),
            ),
          ]),
        )
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return 'requeued';
      const superseded = await fenced(fence)
        .set({ status: 'done', lockedBy: null, lockedUntil: null, lastError: 'superseded by a newer job with the same key', finishedAt: now, updatedAt: now })
        .executeTakeFirst();
      return Number(superseded.numUpdatedRows) === 1 ? 'superseded' : 'lost';
    },

    /** Finished one-off jobs are kept a while for inspection, then removed so the table stays small. */
    async pruneFinished(before: string): Promise<void> {
      await db
        .deleteFrom('jobs')
        .where('status', 'in', ['done', 'failed'])
        .where('intervalMs', 'is', null)
        .where('finishedAt', '<', before)
        .execute();
    },

    async find(id: number): Promise<JobRow | undefined> {
      return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
