/**
 * Database-backed jobs: delayed and recurring work that survives restarts and, with several
 * instances on PostgreSQL, runs once across all of them. At-least-once: handlers must be idempotent.
 */
export interface JobContext {
  jobId: number;
  attempt: number;
}

export type JobHandler<TPayload = unknown> = (payload: TPayload, context: JobContext) => Promise<void>;

export interface ScheduleOptions {
  /** When to run (ISO-8601 or Date); default now. */
  runAt?: Date | string;
  /** At most one pending job with this key: scheduling again replaces its time and payload. */
  uniqueKey?: string;
  /** Give up after this many failed attempts (default 5); failures back off exponentially. */
  maxAttempts?: number;
}

export interface JobScheduler {
  /** Declares what a job name does; register before start(). */
  register<TPayload>(name: string, handler: JobHandler<TPayload>): void;
  /** Queues a one-off job; returns its id. */
  schedule<TPayload>(name: string, payload: TPayload, options?: ScheduleOptions): Promise<number>;
  /** Runs `name` every `intervalMs` across the cluster (one instance per run). */
  every(name: string, intervalMs: number): Promise<void>;
  /** Cancels the pending job with this unique key, if any. */
  cancel(uniqueKey: string): Promise<void>;
  /**
   * Claims the jobs due now and runs them to the end in this instance; returns how many ran.
   * The poller does this on its own once started; tests call it to stand at a chosen instant.
   */
  runDue(): Promise<number>;
  /** Starts polling every config.jobPollIntervalMs (not when JOBS_ENABLED=false); due jobs run at once. */
  start(): Promise<void>;
  /** Stops polling and waits a few seconds for running jobs; unfinished ones run again after their lease. */
  stop(): Promise<void>;
}
