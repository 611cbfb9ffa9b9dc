/** Pure timing rules of the scheduler, kept apart so they can be checked by hand. */

export interface RetryPolicy {
  /** Wait after the first failed attempt; doubles after each further one. */
  baseDelayMs: number;
  /** Never wait longer than this between attempts. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 3_600_000 };

/** Delay before the next try after `failedAttempts` failures (1 → base, 2 → 2×base, 3 → 4×base …). */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy = defaultRetryPolicy): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // Cap the exponent before Math.pow so a job with thousands of attempts cannot overflow to Infinity.
  return Math.min(policy.baseDelayMs * 2 ** Math.min(exponent, 40), policy.maxDelayMs);
}

/**
 * The next run of a recurring job that was due at `dueAt`: the first period boundary after `now`.
 * Missed periods (the desk was down for a day) are skipped, not replayed one by one.
 */
export function nextRecurringRun(dueAt: Date, intervalMs: number, now: Date): Date {
  const due = dueAt.getTime();
  const periodsPassed = Math.floor((now.getTime() - due) / intervalMs) + 1;
  return new Date(due + Math.max(1, periodsPassed) * intervalMs);
}
