import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { generatePassword, hashPassword, passwordProblem, type PasswordPolicy } from './passwords.js';

export interface CreatedAdmin {
  userId: number;
  email: string;
  /** Set when Linchpin generated the password: show it once, never store it. */
  generatedPassword?: string;
  /** True when the address belonged to an existing user who was made an admin. */
  promoted: boolean;
}

export class AdminBootstrapError extends Error {}

/**
 * `linchpin create-admin` and the first run: makes `email` an active admin with a password.
 * An existing user with that address is promoted (and gets the new password), which is also how an
 * operator with shell access recovers a desk whose admins are all locked out.
 */
export async function createAdmin(
  db: Db,
  clock: Clock,
  policy: PasswordPolicy,
  input: { email: string; password?: string | undefined; name?: string | undefined },
): Promise<CreatedAdmin> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AdminBootstrapError(`"${input.email}" is not an email address.`);
  const generatedPassword = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? (generatedPassword as string);
  const problem = passwordProblem(password, policy);
  if (problem) throw new AdminBootstrapError(problem);
  const passwordHash = await hashPassword(password);
  const now = clock.now().toISOString();

  return inTransaction(db, async (tx) => {
    const adminRole = await tx.selectFrom('roles').select('id').where('key', '=', 'admin').executeTakeFirstOrThrow();
    const existing = await tx.selectFrom('userEmails').select('userId').where('email', '=', email).executeTakeFirst();
    let userId: number;
    if (existing) {
      userId = existing.userId;
      await tx
        .updateTable('users')
        .set({ roleId: adminRole.id, passwordHash, isActive: true, updatedAt: now })
        .where('id', '=', userId)
        .execute();
    } else {
      const user = await tx
        .insertInto('users')
        .values({ name: input.name ?? 'Administrator', roleId: adminRole.id, passwordHash, createdAt: now, updatedAt: now, availability: 'offline' })
        .returning('id')
        .executeTakeFirstOrThrow();
      userId = user.id;
      await tx.insertInto('userEmails').values({ userId, email, isPrimary: true }).execute();
    }
    await tx
      .insertInto('auditEvents')
      .values({
        actorId: null,
        action: existing ? 'user.promoted_to_admin' : 'user.created',
        entityType: 'user',
        entityId: String(userId),
        before: null,
        after: JSON.stringify({ email, role: 'admin', via: 'command line' }),
        requestId: null,
        ip: null,
        createdAt: now,
      })
      .execute();
    return { userId, email, promoted: Boolean(existing), ...(generatedPassword ? { generatedPassword } : {}) };
  });
}

export async function hasActiveAdmin(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select('users.id')
    .where('roles.key', '=', 'admin')
    .where('users.isActive', '=', true)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
