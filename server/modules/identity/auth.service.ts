import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, UnauthorizedError, ValidationError } from '../../platform/http/errors.js';
import { recordAudit, type AuditContext } from './audit.js';
import { announceInDevelopment, queueAuthMessage, type AuthMessage } from './auth-mail.js';
import { consumeAuthToken, consumeAuthTokenOf, issueAuthToken } from './auth-tokens.js';
import type { IdentityDeps } from './identity-deps.js';
import { verifyPassword } from './passwords.js';
import { createSession, deleteUserSessions, sessionTimeouts, type NewSession } from './sessions.js';
import { accountRule, addressRule, clearFailures, recordFailure, secondsBlocked, throttleKeys } from './sign-in-throttle.js';
import { checkedPasswordHash } from './users.service.js';

export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_requests', `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
  }
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** The session cookie the browser already had: deleted, never promoted (session fixation). */
  previousCookie?: string | undefined;
}

async function findAccount(deps: IdentityDeps, email: string) {
  return deps.db
    .selectFrom('userEmails')
    .innerJoin('users', 'users.id', 'userEmails.userId')
    .select(['users.id', 'users.passwordHash', 'users.isActive', 'users.isServiceAccount'])
    .where('userEmails.email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/** Throws 429 while the account or the address is in a delay after failures. */
export async function assertNotThrottled(deps: IdentityDeps, email: string, ip: string | null): Promise<void> {
  const keys = throttleKeys(email, ip);
  const blocked = await secondsBlocked(deps.db, deps.clock, [keys.account, ...(keys.address ? [keys.address] : [])]);
  if (blocked > 0) throw new TooManyAttemptsError(blocked);
}

export async function countFailure(deps: IdentityDeps, email: string, ip: string | null): Promise<void> {
  const keys = throttleKeys(email, ip);
  await recordFailure(deps.db, deps.clock, keys.account, accountRule);
  if (keys.address) await recordFailure(deps.db, deps.clock, keys.address, addressRule);
}

/**
 * Email + password sign-in. While a delay is running every attempt is refused, the right password too,
 * so guessing gains nothing from speed. An unknown address spends a full scrypt and counts a failure
 * exactly like a wrong password: the answers and their timing do not tell which emails exist.
 */
export async function signIn(deps: IdentityDeps, email: string, password: string, client: ClientInfo): Promise<{ userId: number; session: NewSession }> {
  await assertNotThrottled(deps, email, client.ip);
  const account = await findAccount(deps, email);
  const passwordMatches = await verifyPassword(password, account?.passwordHash ?? null);
  if (!account || !passwordMatches || !account.isActive || account.isServiceAccount) {
    await countFailure(deps, email, client.ip);
    throw new UnauthorizedError('invalid_credentials', 'The email address or the password is wrong.');
  }
  await clearFailures(deps.db, throttleKeys(email, client.ip).account);
  const session = await startSession(deps, account.id, client);
  return { userId: account.id, session };
}

async function startSession(deps: IdentityDeps, userId: number, client: ClientInfo): Promise<NewSession> {
  return inTransaction(deps.db, (tx) => openSession(tx, deps, userId, client));
}

/** A new session (replacing the browser's previous one) and the sign-in time, inside the caller's transaction. */
async function openSession(tx: Executor, deps: IdentityDeps, userId: number, client: ClientInfo): Promise<NewSession> {
  const session = await createSession(tx, deps.clock, sessionTimeouts(deps.config), {
    userId,
    ip: client.ip,
    userAgent: client.userAgent,
    replacesCookie: client.previousCookie,
  });
  await tx.updateTable('users').set({ lastSignInAt: deps.clock.now().toISOString() }).where('id', '=', userId).execute();
  return session;
}

const linksPerHour = 5;

function link(deps: IdentityDeps, path: string, token: string): string {
  return `${deps.config.publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

async function sendLink(
  deps: IdentityDeps,
  log: FastifyBaseLogger,
  email: string,
  purpose: 'password_reset' | 'magic_link',
): Promise<void> {
  const account = await findAccount(deps, email);
  // Unknown, deactivated and service accounts get nothing, and the caller cannot tell (always 202).
  if (!account || !account.isActive || account.isServiceAccount) return;
  // At most a few links an hour per person: the form must not become a way to flood someone's mailbox.
  // Over the limit the answer is still 202, so it reveals nothing either.
  const hourAgo = new Date(deps.clock.now().getTime() - 3_600_000).toISOString();
  const recent = await deps.db
    .selectFrom('authTokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', account.id)
    .where('purpose', '=', purpose)
    .where('createdAt', '>', hourAgo)
    .executeTakeFirstOrThrow();
  if (Number(recent.count) >= linksPerHour) return;
  const message = await inTransaction(deps.db, async (tx) => {
    const token = await issueAuthToken(tx, deps.clock, account.id, purpose);
    const built: AuthMessage =
      purpose === 'password_reset'
        ? {
            userId: account.id,
            recipient: email,
            subject: 'Reset your Linchpin password',
            link: link(deps, '/reset-password', token),
            text: '',
            template: 'password_reset',
          }
        : {
            userId: account.id,
            recipient: email,
            subject: 'Your Linchpin sign-in link',
            link: link(deps, '/sign-in/link', token),
            text: '',
            template: 'magic_link',
          };
    built.text =
      purpose === 'password_reset'
        ? `Someone asked to reset the password of this account. To choose a new one, open:\n\n${built.link}\n\nThe link works once, within 60 minutes. If it was not you, ignore this message.`
        : `To sign in, open:\n\n${built.link}\n\nThe link works once, within 15 minutes. If you did not ask for it, ignore this message.`;
    await queueAuthMessage(tx, deps.clock, built);
    return built;
  });
  announceInDevelopment(deps.config, log, message);
}

export function requestPasswordReset(deps: IdentityDeps, log: FastifyBaseLogger, email: string): Promise<void> {
  return sendLink(deps, log, email, 'password_reset');
}

export function requestMagicLink(deps: IdentityDeps, log: FastifyBaseLogger, email: string): Promise<void> {
  return sendLink(deps, log, email, 'magic_link');
}

/**
 * Sets a new password from a reset link or an invitation; every session of the account ends (whoever
 * else was in, is out).
 */
export async function confirmPasswordReset(deps: IdentityDeps, token: string, password: string, audit: AuditContext): Promise<void> {
  // The password rule is checked before the token is touched: a weak password leaves the link usable.
  const passwordHash = await checkedPasswordHash(deps, password);
  await inTransaction(deps.db, async (tx) => {
    const { userId, purpose } = await consumeAuthTokenOf(tx, deps.clock, token, ['password_reset', 'invitation']);
    const now = deps.clock.now().toISOString();
    await tx.updateTable('users').set({ passwordHash, updatedAt: now }).where('id', '=', userId).execute();
    // Other reset links and invitations sent earlier die with this one.
    await tx
      .updateTable('authTokens')
      .set({ usedAt: now })
      .where('userId', '=', userId)
      .where('purpose', 'in', ['password_reset', 'invitation'])
      .where('usedAt', 'is', null)
      .execute();
    await deleteUserSessions(tx, userId);
    await recordAudit(
      tx,
      { ...audit, actorId: userId },
      { action: purpose === 'invitation' ? 'user.invitation_accepted' : 'user.password_reset', entityType: 'user', entityId: userId, after: { via: 'emailed link' } },
    );
  });
}

export async function consumeMagicLink(deps: IdentityDeps, token: string, client: ClientInfo): Promise<{ userId: number; session: NewSession }> {
  return inTransaction(deps.db, async (tx) => {
    const userId = await consumeAuthToken(tx, deps.clock, token, 'magic_link');
    return { userId, session: await openSession(tx, deps, userId, client) };
  });
}

/** Changing one's own password needs the current one (a borrowed, unlocked laptop is not enough). */
export async function changeOwnPassword(
  deps: IdentityDeps,
  userId: number,
  input: { currentPassword: string; password: string; keepSessionIdHash?: string | undefined; ip: string | null },
  audit: AuditContext,
): Promise<void> {
  const account = await deps.db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirstOrThrow();
  const primary = await deps.db.selectFrom('userEmails').select('email').where('userId', '=', userId).orderBy('isPrimary', 'desc').executeTakeFirst();
  const throttleEmail = primary?.email ?? `user-${userId}`;
  await assertNotThrottled(deps, throttleEmail, input.ip);
  if (!(await verifyPassword(input.currentPassword, account.passwordHash))) {
    await countFailure(deps, throttleEmail, input.ip);
    throw new ValidationError('invalid_field', 'currentPassword: is not your current password.', { field: 'currentPassword' });
  }
  const passwordHash = await checkedPasswordHash(deps, input.password);
  await inTransaction(deps.db, async (tx) => {
    await tx.updateTable('users').set({ passwordHash, updatedAt: deps.clock.now().toISOString() }).where('id', '=', userId).execute();
    await deleteUserSessions(tx, userId, input.keepSessionIdHash ? { except: input.keepSessionIdHash } : {});
    await recordAudit(tx, audit, { action: 'user.password_changed', entityType: 'user', entityId: userId, after: { via: 'profile' } });
  });
}
