import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import { hashToken, randomToken } from '../../platform/secrets.js';
import type { AuthTokenPurpose } from './identity.tables.js';

export const authTokenLifetimeMinutes: Record<AuthTokenPurpose, number> = {
  password_reset: 60,
  magic_link: 15,
  invitation: 7 * 24 * 60,
  first_run: 24 * 60,
};

/** Issues a single-use token for an emailed link; only its hash is stored. */
export async function issueAuthToken(db: Executor, clock: Clock, userId: number, purpose: AuthTokenPurpose): Promise<string> {
  const token = randomToken(32);
  const now = clock.now();
  await db
    .insertInto('authTokens')
    .values({
      userId,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + authTokenLifetimeMinutes[purpose] * 60_000).toISOString(),
      usedAt: null,
      createdAt: now.toISOString(),
    })
    .execute();
  return token;
}

/**
 * Marks the token used and returns its owner, in one conditional UPDATE: two clicks racing on the same
 * link cannot both win. Unknown, expired and already used tokens all answer the same 400.
 */
export async function consumeAuthToken(db: Executor, clock: Clock, token: string, purpose: AuthTokenPurpose): Promise<number> {
  return (await consumeAuthTokenOf(db, clock, token, [purpose])).userId;
}

/** Like `consumeAuthToken`, for a link that may carry any of several purposes; tells which one it was. */
export async function consumeAuthTokenOf(
  db: Executor,
  clock: Clock,
  token: string,
  purposes: readonly AuthTokenPurpose[],
): Promise<{ userId: number; purpose: AuthTokenPurpose }> {
  const now = clock.now().toISOString();
  const row = await db
    .updateTable('authTokens')
    .set({ usedAt: now })
    .where('tokenHash', '=', hashToken(token))
    .where('purpose', 'in', [...purposes])
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning(['userId', 'purpose'])
    .executeTakeFirst();
  if (!row) throw new ValidationError('invalid_token', 'This link is invalid, expired or already used; ask for a new one.');
  const user = await db.selectFrom('users').select('isActive').where('id', '=', row.userId).executeTakeFirst();
  if (!user || !user.isActive) throw new ValidationError('invalid_token', 'This link is invalid, expired or already used; ask for a new one.');
  return { userId: row.userId, purpose: row.purpose };
}
