import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';

/**
 * Growing delays after failed sign-ins, kept in the database so every instance sees the same count.
 * Two counters per attempt: the account (the address typed, whether or not it exists, so the answer
 * never reveals which emails are registered) and the caller's IP address (password spraying across
 * accounts). Many people can share an address (an office behind NAT), so it tolerates more failures.
 */
export interface ThrottleRule {
  /** Failures allowed before delays start. */
  freeFailures: number;
  maxDelaySeconds: number;
}

export const accountRule: ThrottleRule = { freeFailures: 4, maxDelaySeconds: 15 * 60 };
export const addressRule: ThrottleRule = { freeFailures: 19, maxDelaySeconds: 15 * 60 };
/** A counter nobody has touched for this long starts again from zero. */
const forgetAfterMs = 24 * 3_600_000;

/** Delay after the n-th consecutive failure: none for the free ones, then 2, 4, 8 … seconds, capped. */
export function delaySeconds(failures: number, rule: ThrottleRule): number {
  const beyond = failures - rule.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(2 ** Math.min(beyond, 30), rule.maxDelaySeconds);
}

export function throttleKeys(email: string, ip: string | null): { account: string; address: string | null } {
  return { account: `account:${email.trim().toLowerCase()}`, address: ip ? `address:${ip}` : null };
}

/** Seconds until sign-in may be tried again for these keys; 0 when it may be tried now. */
export async function secondsBlocked(db: Db, clock: Clock, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.selectFrom('signInThrottles').select('blockedUntil').where('key', 'in', keys).execute();
  const now = clock.now().getTime();
  const longest = Math.max(0, ...rows.map((row) => Date.parse(row.blockedUntil) - now));
  return Math.ceil(longest / 1000);
}

/** Counts one failure against a key; an atomic upsert, so concurrent attempts on many instances all count. */
export async function recordFailure(db: Db, clock: Clock, key: string, rule: ThrottleRule): Promise<void> {
  const now = clock.now();
  const nowIso = now.toISOString();
  await db
    .deleteFrom('signInThrottles')
    .where('key', '=', key)
    .where('lastFailureAt', '<', new Date(now.getTime() - forgetAfterMs).toISOString())
    .execute();
  const row = await db
    .insertInto('signInThrottles')
    .values({ key, failures: 1, lastFailureAt: nowIso, blockedUntil: nowIso })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ failures: sql<number>`sign_in_throttles.failures + 1`, lastFailureAt: nowIso }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const delay = delaySeconds(row.failures, rule);
  if (delay > 0) {
    await db
      .updateTable('signInThrottles')
      .set({ blockedUntil: new Date(now.getTime() + delay * 1000).toISOString() })
      .where('key', '=', key)
      .execute();
  }
}

/** A right password clears the account's counter; the address counter only fades with time. */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('signInThrottles').where('key', '=', key).execute();
}
