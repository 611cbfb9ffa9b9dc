import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';
import { hashToken, randomToken } from '../../platform/secrets.js';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export function sessionTimeouts(config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>): SessionTimeouts {
  return { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
}

export interface NewSession {
  /** The cookie value: given to the browser once, only its hash is stored. */
  cookieValue: string;
  idHash: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Starts a session with a brand-new id. Called at every sign-in, so an id planted before sign-in
 * (session fixation) never becomes an authenticated one; the session it replaces is deleted.
 */
export async function createSession(
  db: Executor,
  clock: Clock,
  timeouts: SessionTimeouts,
  input: { userId: number; ip: string | null; userAgent: string | null; replacesCookie?: string | undefined },
): Promise<NewSession> {
  const now = clock.now();
  const cookieValue = randomToken(32);
  const idHash = hashToken(cookieValue);
  const csrfToken = randomToken(32);
  const expiresAt = new Date(now.getTime() + timeouts.absoluteHours * 3_600_000).toISOString();
  if (input.replacesCookie) await db.deleteFrom('sessions').where('idHash', '=', hashToken(input.replacesCookie)).execute();
  // Sessions past their absolute expiry are never looked up again; tidy this person's away at sign-in.
  await db.deleteFrom('sessions').where('userId', '=', input.userId).where('expiresAt', '<=', now.toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({
      idHash,
      userId: input.userId,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt,
    })
    .execute();
  return { cookieValue, idHash, csrfToken, expiresAt };
}

export type SessionLookup =
  | { status: 'valid'; idHash: string; userId: number; csrfToken: string }
  | { status: 'expired' }
  | { status: 'unknown' };

// Writing last_seen_at on every request would turn every read into a write; a minute of slack is
// far below the smallest idle timeout (5 minutes).
const touchIntervalMs = 60_000;

/** Finds the live session behind a cookie, enforcing the idle and absolute timeouts. */
export async function lookupSession(db: Executor, clock: Clock, timeouts: SessionTimeouts, cookieValue: string): Promise<SessionLookup> {
  const idHash = hashToken(cookieValue);
  const session = await db
    .selectFrom('sessions')
    .select(['userId', 'csrfToken', 'lastSeenAt', 'expiresAt'])
    .where('idHash', '=', idHash)
    .executeTakeFirst();
  if (!session) return { status: 'unknown' };
  const now = clock.now().getTime();
  const idleDeadline = Date.parse(session.lastSeenAt) + timeouts.idleMinutes * 60_000;
  if (Date.parse(session.expiresAt) <= now || idleDeadline <= now) {
    await db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
    return { status: 'expired' };
  }
  if (now - Date.parse(session.lastSeenAt) >= touchIntervalMs) {
    await db.updateTable('sessions').set({ lastSeenAt: new Date(now).toISOString() }).where('idHash', '=', idHash).execute();
  }
  return { status: 'valid', idHash, userId: session.userId, csrfToken: session.csrfToken };
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
}

/** Signs a person out everywhere (password change, deactivation, "sign out everywhere"). */
export async function deleteUserSessions(db: Executor, userId: number, options: { except?: string } = {}): Promise<void> {
  let query = db.deleteFrom('sessions').where('userId', '=', userId);
  if (options.except) query = query.where('idHash', '!=', options.except);
  await query.execute();
}
