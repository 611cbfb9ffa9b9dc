import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../platform/db/database.js';
import { readDeskBrand } from '../../platform/desk-brand.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import type { Actor } from './actor.js';
import { recordAudit, type AuditContext } from './audit.js';
import { announceInDevelopment, queueAuthMessage, type AuthMessage } from './auth-mail.js';
import { issueAuthToken } from './auth-tokens.js';
import { assertWithinOwnPermissions, roleByKey } from './guards.js';
import type { IdentityDeps } from './identity-deps.js';

/**
 * Issues an invitation token and queues its mail, inside the caller's transaction. The link opens the
 * set-password page, which accepts an invitation as it accepts a reset link.
 */
export async function queueInvitation(tx: Executor, deps: IdentityDeps, user: { id: number; name: string; email: string }, audit: AuditContext): Promise<AuthMessage> {
  const token = await issueAuthToken(tx, deps.clock, user.id, 'invitation');
  const deskName = (await readDeskBrand(tx)).deskName;
  const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const message: AuthMessage = {
    userId: user.id,
    recipient: user.email,
    subject: `You are invited to ${deskName}`,
    link,
    text: `Hello ${user.name},\n\nyou have an account at ${deskName}. To choose your password, open:\n\n${link}\n\nThe link works once, within 7 days.`,
    template: 'invitation',
  };
  await queueAuthMessage(tx, deps.clock, message);
  await recordAudit(tx, audit, { action: 'user.invited', entityType: 'user', entityId: user.id, after: { sentTo: user.email } });
  return message;
}

/**
 * Mails an active person an invitation to choose a password. Unknown people answer 404; deactivated
 * people and service accounts 409 (nobody should sign in as them). Inviting someone who holds more
 * permissions than the caller is refused, as changing them is.
 */
export async function inviteUser(deps: IdentityDeps, log: FastifyBaseLogger, actor: Actor | null, userId: number, audit: AuditContext): Promise<{ sentTo: string }> {
  const user = await deps.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select(['users.id', 'users.name', 'users.isActive', 'users.isServiceAccount', 'roles.key as roleKey'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new NotFoundError(`There is no user ${userId}.`);
  const role = await roleByKey(deps.db, user.roleKey);
  assertWithinOwnPermissions(actor, role.permissions, 'Inviting this person');
  if (user.isServiceAccount) throw new ConflictError('conflict', 'A service account signs in with API tokens; it cannot be invited.');
  if (!user.isActive) throw new ConflictError('conflict', 'This person is deactivated; reactivate them before inviting them.');
  const primary = await deps.db.selectFrom('userEmails').select('email').where('userId', '=', userId).orderBy('isPrimary', 'desc').orderBy('id').executeTakeFirst();
  if (!primary) throw new ConflictError('conflict', 'This person has no email address to send an invitation to.');
  const message = await inTransaction(deps.db, (tx) => queueInvitation(tx, deps, { id: user.id, name: user.name, email: primary.email }, audit));
  announceInDevelopment(deps.config, log, message);
  return { sentTo: primary.email };
}
