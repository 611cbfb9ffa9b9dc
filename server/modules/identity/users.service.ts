import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { CreateUserSchema, UpdateUserSchema, User } from '../../../shared/schemas/identity.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Actor } from './actor.js';
import { recordAudit, type AuditContext } from './audit.js';
import { announceInDevelopment, type AuthMessage } from './auth-mail.js';
import {
  assertCanJoinTeams,
  assertEmailFree,
  assertNotLastAdmin,
  assertOrganizationExists,
  assertTeamsExist,
  assertWithinOwnPermissions,
  isUniqueViolation,
  roleByKey,
} from './guards.js';
import type { IdentityDeps } from './identity-deps.js';
import { queueInvitation } from './invitations.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { organizationIdForEmail } from './organizations.service.js';
import { deleteUserSessions } from './sessions.js';
import { loadUser } from './users.repository.js';

export type CreateUserInput = z.output<typeof CreateUserSchema>;
export type UpdateUserInput = z.output<typeof UpdateUserSchema>;

export async function checkedPasswordHash(deps: IdentityDeps, password: string): Promise<string> {
  const problem = passwordProblem(password, { minLength: deps.config.passwordMinLength });
  if (problem) throw new ValidationError('weak_password', problem, { field: 'password' });
  return hashPassword(password);
}

async function currentPermissionsOf(deps: IdentityDeps, userId: number) {
  const row = await deps.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select('roles.key')
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`There is no user ${userId}.`);
  return roleByKey(deps.db, row.key);
}

/** Creates a person; with `invite` (and no password) also mails them an invitation, in the same transaction. */
export async function createUser(deps: IdentityDeps, actor: Actor | null, input: CreateUserInput, audit: AuditContext, log?: FastifyBaseLogger): Promise<User> {
  if (input.invite && input.password !== undefined) {
    throw new ValidationError('invalid_field', 'invite: either give a password or send an invitation, not both.', { field: 'invite' });
  }
  if (input.invite && input.isServiceAccount) {
    throw new ValidationError('invalid_field', 'invite: a service account signs in with API tokens; it cannot be invited.', { field: 'invite' });
  }
  const role = await roleByKey(deps.db, input.role);
  assertWithinOwnPermissions(actor, role.permissions, `The role "${role.key}"`);
  assertCanJoinTeams(role, input.teamIds ?? []);
  // Hash before the transaction: scrypt takes tens of milliseconds and must not hold a write lock.
  const passwordHash = input.password === undefined ? null : await checkedPasswordHash(deps, input.password);
  const now = deps.clock.now().toISOString();
  let invitation: AuthMessage | null = null;
  try {
    const id = await inTransaction(deps.db, async (tx) => {
      await assertEmailFree(tx, input.email);
      await assertOrganizationExists(tx, input.organizationId);
      await assertTeamsExist(tx, input.teamIds ?? []);
      const organizationId = input.organizationId !== undefined ? input.organizationId : await organizationIdForEmail(tx, input.email);
      const user = await tx
        .insertInto('users')
        .values({
          name: input.name,
          roleId: role.id,
          organizationId,
          phone: input.phone ?? null,
          ...(input.timeZone ? { timeZone: input.timeZone } : {}),
          ...(input.locale ? { locale: input.locale } : {}),
          isServiceAccount: input.isServiceAccount ?? false,
          passwordHash,
          skills: JSON.stringify([...new Set(input.skills ?? [])]),
          capacity: input.capacity ?? null,
          lastSignInAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('userEmails').values({ userId: user.id, email: input.email, isPrimary: true }).execute();
      for (const teamId of new Set(input.teamIds ?? [])) {
        await tx.insertInto('teamMembers').values({ teamId, userId: user.id, isLead: false, createdAt: now }).execute();
      }
      const created = await loadUser(tx, user.id);
      await recordAudit(tx, audit, { action: 'user.created', entityType: 'user', entityId: user.id, after: created });
      if (input.invite) invitation = await queueInvitation(tx, deps, { id: user.id, name: input.name, email: input.email }, audit);
      return user.id;
    });
    if (invitation && log) announceInDevelopment(deps.config, log, invitation);
    return (await loadUser(deps.db, id)) as User;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('duplicate', `${input.email} already belongs to someone.`, { field: 'email' });
    throw error;
  }
}

export async function updateUser(deps: IdentityDeps, actor: Actor | null, userId: number, input: UpdateUserInput, audit: AuditContext): Promise<User> {
  const current = await currentPermissionsOf(deps, userId);
  // Changing someone who holds more than you (a manager editing an admin) is refused outright.
  assertWithinOwnPermissions(actor, current.permissions, 'Changing this person');
  const newRole = input.role !== undefined ? await roleByKey(deps.db, input.role) : current;
  if (input.role !== undefined) assertWithinOwnPermissions(actor, newRole.permissions, `The role "${newRole.key}"`);
  const passwordHash = input.password === undefined ? undefined : await checkedPasswordHash(deps, input.password);
  const now = deps.clock.now().toISOString();

  await inTransaction(deps.db, async (tx) => {
    const before = await loadUser(tx, userId);
    if (!before) throw new NotFoundError(`There is no user ${userId}.`);
    const losesAdmin = before.role === 'admin' && before.isActive && (newRole.key !== 'admin' || input.isActive === false);
    if (losesAdmin) await assertNotLastAdmin(tx, deps.dialect, userId);
    await assertOrganizationExists(tx, input.organizationId);
    if (input.teamIds !== undefined) await assertTeamsExist(tx, input.teamIds);
    assertCanJoinTeams(newRole, input.teamIds ?? (input.role !== undefined ? before.teamIds : []));

    await tx
      .updateTable('users')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { roleId: newRole.id } : {}),
        ...(input.organizationId !== undefined ? { organizationId: input.organizationId } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
        ...(input.skills !== undefined ? { skills: JSON.stringify([...new Set(input.skills)]) } : {}),
        ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
        ...(input.availability !== undefined ? { availability: input.availability } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
        updatedAt: now,
      })
      .where('id', '=', userId)
      .execute();
    if (input.teamIds !== undefined) {
      const wanted = new Set(input.teamIds);
      const leaving = before.teamIds.filter((id) => !wanted.has(id));
      if (leaving.length > 0) await tx.deleteFrom('teamMembers').where('userId', '=', userId).where('teamId', 'in', leaving).execute();
      for (const teamId of wanted) {
        if (!before.teamIds.includes(teamId)) {
          await tx.insertInto('teamMembers').values({ teamId, userId, isLead: false, createdAt: now }).execute();
        }
      }
    }
    // A deactivated person, or one whose password was reset by an admin, is signed out everywhere.
    if (input.isActive === false || passwordHash !== undefined) await deleteUserSessions(tx, userId);
    const after = await loadUser(tx, userId);
    const action = input.isActive === false && before.isActive ? 'user.deactivated' : input.isActive === true && !before.isActive ? 'user.reactivated' : 'user.updated';
    await recordAudit(tx, audit, {
      action,
      entityType: 'user',
      entityId: userId,
      before,
      after: { ...after, ...(passwordHash !== undefined ? { passwordChanged: true } : {}) },
    });
  });
  return (await loadUser(deps.db, userId)) as User;
}

export async function addEmail(deps: IdentityDeps, actor: Actor | null, userId: number, email: string, audit: AuditContext): Promise<User> {
  const current = await currentPermissionsOf(deps, userId);
  assertWithinOwnPermissions(actor, current.permissions, 'Changing this person');
  try {
    await inTransaction(deps.db, async (tx) => {
      await assertEmailFree(tx, email);
      await tx.insertInto('userEmails').values({ userId, email, isPrimary: false }).execute();
      await recordAudit(tx, audit, { action: 'user.email_added', entityType: 'user', entityId: userId, after: { email } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('duplicate', `${email} already belongs to someone.`, { field: 'email' });
    throw error;
  }
  return (await loadUser(deps.db, userId)) as User;
}

export async function removeEmail(deps: IdentityDeps, actor: Actor | null, userId: number, emailId: number, audit: AuditContext): Promise<User> {
  const current = await currentPermissionsOf(deps, userId);
  assertWithinOwnPermissions(actor, current.permissions, 'Changing this person');
  await inTransaction(deps.db, async (tx) => {
    const row = await tx.selectFrom('userEmails').select(['email', 'isPrimary']).where('id', '=', emailId).where('userId', '=', userId).executeTakeFirst();
    if (!row) throw new NotFoundError(`User ${userId} has no email address ${emailId}.`);
    if (row.isPrimary) throw new ConflictError('conflict', 'The primary address cannot be removed; make another one primary first.');
    await tx.deleteFrom('userEmails').where('id', '=', emailId).execute();
    await recordAudit(tx, audit, { action: 'user.email_removed', entityType: 'user', entityId: userId, before: { email: row.email } });
  });
  return (await loadUser(deps.db, userId)) as User;
}
