import type { Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { hashToken } from '../../platform/secrets.js';
import type { Actor } from './actor.js';
import { apiTokenPrefix, newApiTokenValue } from './api-token-format.js';
import { recordAudit, type AuditContext } from './audit.js';
import type { TokenScope } from './identity.tables.js';
import type { IdentityDeps } from './identity-deps.js';

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  scope: TokenScope;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

const scopeRank: Record<TokenScope, number> = { read: 0, write: 1, admin: 2 };
const columns = ['id', 'userId', 'name', 'prefix', 'scope', 'expiresAt', 'lastUsedAt', 'revokedAt', 'createdAt'] as const;

export async function listTokens(db: Executor, userId: number): Promise<ApiToken[]> {
  return db.selectFrom('apiTokens').select(columns).where('userId', '=', userId).orderBy('id', 'desc').execute();
}

/**
 * People create tokens for themselves; holders of tokens.manage also for service accounts (never for
 * another person: that would be signing in as them). A request made with a token cannot mint a
 * token of a wider scope than its own. The secret is returned once; only its hash is kept.
 */
export async function createToken(
  deps: IdentityDeps,
  actor: Actor | null,
  input: { userId: number; name: string; scope: TokenScope; expiresAt?: string | null | undefined },
  audit: AuditContext,
): Promise<{ token: ApiToken; secret: string }> {
  if (actor && input.userId !== actor.userId) {
    if (!actor.permissions.has('tokens.manage')) throw new ForbiddenError('forbidden', 'You may only create tokens for yourself.');
    const owner = await deps.db.selectFrom('users').select(['isServiceAccount']).where('id', '=', input.userId).executeTakeFirst();
    if (!owner) throw new ValidationError('invalid_field', `userId: there is no user ${input.userId}.`, { field: 'userId' });
    if (!owner.isServiceAccount) throw new ValidationError('invalid_field', 'userId: tokens for other people are not allowed, only for service accounts.', { field: 'userId' });
  }
  if (actor?.via === 'token' && actor.tokenScope && scopeRank[input.scope] > scopeRank[actor.tokenScope]) {
    throw new ForbiddenError('insufficient_scope', `A ${actor.tokenScope} token cannot create a ${input.scope} token.`);
  }
  const now = deps.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
  if (expiresAt && Date.parse(expiresAt) <= now.getTime()) {
    throw new ValidationError('invalid_field', 'expiresAt: must be in the future.', { field: 'expiresAt' });
  }
  const secret = newApiTokenValue();
  const token = await inTransaction(deps.db, async (tx) => {
    const row = await tx
      .insertInto('apiTokens')
      .values({
        userId: input.userId,
        name: input.name,
        tokenHash: hashToken(secret),
        prefix: apiTokenPrefix(secret),
        scope: input.scope,
        expiresAt,
        lastUsedAt: null,
        revokedAt: null,
        createdById: actor?.userId ?? null,
        createdAt: now.toISOString(),
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, audit, { action: 'token.created', entityType: 'api_token', entityId: row.id, after: row });
    return row;
  });
  return { token, secret };
}

export async function revokeToken(deps: IdentityDeps, actor: Actor, id: number, audit: AuditContext): Promise<ApiToken> {
  return inTransaction(deps.db, async (tx) => {
    const before = await tx.selectFrom('apiTokens').select(columns).where('id', '=', id).executeTakeFirst();
    // Someone else's token is "not found" for people without tokens.manage: they need not know it exists.
    if (!before || (before.userId !== actor.userId && !actor.permissions.has('tokens.manage'))) throw new NotFoundError(`There is no token ${id}.`);
    if (before.revokedAt) return before;
    const revokedAt = deps.clock.now().toISOString();
    await tx.updateTable('apiTokens').set({ revokedAt }).where('id', '=', id).execute();
    const after = { ...before, revokedAt };
    await recordAudit(tx, audit, { action: 'token.revoked', entityType: 'api_token', entityId: id, before, after });
    return after;
  });
}
