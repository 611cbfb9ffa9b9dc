import { CompiledQuery } from 'kysely';
import type { Executor } from './database.js';

/**
 * Reference data — settings, SLA policies, business calendars, custom fields, teams and their members, mailboxes,
 * mail templates — is read by every ticket, reply and mail but changed by an admin now and then. Reading it costs a
 * dozen queries per created ticket; this keeps the last copy of each in the process instead.
 *
 * Freshness comes from the database, not from the code that writes: triggers on those tables (migration
 * 2026-12-02T0900) set the `reference_version` row of `sequences` to a new random number on every write, and a
 * cached copy is used only while the version read just now is the one it was loaded under. So a change made by
 * another instance, a script or raw SQL is seen at once, a transaction sees its own changes (it reads the version
 * it wrote), and a copy loaded inside a transaction that then rolled back is never used (its random version never
 * becomes visible). The version is random rather than counted up so that it cannot come back after a rollback, and
 * so that two databases opened by one process (tests) never share a version.
 *
 * Cached values are shared between callers: they are frozen, and callers must copy before changing them.
 */

// Compiled once: reading the version is one prepared statement, not a query built per call.
const versionQuery = CompiledQuery.raw(`select cast(value as text) as version from sequences where name = 'reference_version'`);

interface Slot {
  version: string;
  value: unknown;
}

const slots = new Map<string, Slot>();

async function currentVersion(db: Executor): Promise<string | null> {
  const result = await db.executeQuery<{ version: string }>(versionQuery);
  return result.rows[0]?.version ?? null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The value of `load` for `key`, from the cache while no reference table changed since it was loaded. `key` names
 * the data and its parameters (`team-members:3`); `load` must read only reference tables, through `db`.
 */
export async function cachedReference<T>(db: Executor, key: string, load: () => Promise<T>): Promise<T> {
  const version = await currentVersion(db);
  // Without the version row (a database mid-migration) nothing can be trusted: read through.
  if (version === null) return load();
  const slot = slots.get(key);
  if (slot && slot.version === version) return slot.value as T;
  const value = deepFreeze(await load());
  slots.set(key, { version, value });
  return value;
}
