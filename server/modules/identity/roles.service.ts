import type { z } from 'zod';
import { isPermission, type Permission } from '../../../shared/permissions.js';
import type { CreateRoleSchema, UpdateRoleSchema } from '../../../shared/schemas/identity.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import type { Actor } from './actor.js';
import { recordAudit, type AuditContext } from './audit.js';
import { assertWithinOwnPermissions, isUniqueViolation } from './guards.js';
import type { IdentityDeps } from './identity-deps.js';

export interface Role {
  id: number;
  key: string;
  name: string;
  description: string;
  isBuiltIn: boolean;
  permissions: Permission[];
}

export async function listRoles(db: Executor): Promise<Role[]> {
  const rows = await db.selectFrom('roles').selectAll().orderBy('isBuiltIn', 'desc').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    isBuiltIn: Boolean(row.isBuiltIn),
    permissions: parseJson<unknown[]>(row.permissions).filter(isPermission),
  }));
}

export async function loadRole(db: Executor, id: number): Promise<Role> {
  const role = (await listRoles(db)).find((r) => r.id === id);
  if (!role) throw new NotFoundError(`There is no role ${id}.`);
  return role;
}

export async function createRole(deps: IdentityDeps, actor: Actor | null, input: z.output<typeof CreateRoleSchema>, audit: AuditContext): Promise<Role> {
  assertWithinOwnPermissions(actor, input.permissions, 'This role');
  const now = deps.clock.now().toISOString();
  try {
    return await inTransaction(deps.db, async (tx) => {
      const row = await tx
        .insertInto('roles')
        .values({
          key: input.key,
          name: input.name,
          description: input.description,
          isBuiltIn: false,
          permissions: JSON.stringify([...new Set(input.permissions)]),
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const role = await loadRole(tx, row.id);
      await recordAudit(tx, audit, { action: 'role.created', entityType: 'role', entityId: row.id, after: role });
      return role;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('duplicate', `A role with the key "${input.key}" already exists.`, { field: 'key' });
    throw error;
  }
}

/**
 * Built-in roles are the vocabulary of the product (PRODUCT.md §1) and their permissions are reset at
 * every start, so they are read-only; define a custom role to grant a different set.
 */
export async function updateRole(deps: IdentityDeps, actor: Actor | null, id: number, input: z.output<typeof UpdateRoleSchema>, audit: AuditContext): Promise<Role> {
  if (input.permissions) assertWithinOwnPermissions(actor, input.permissions, 'This role');
  const now = deps.clock.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const before = await loadRole(tx, id);
    if (before.isBuiltIn) throw new ConflictError('conflict', `The built-in role "${before.key}" cannot be changed; create a custom role instead.`);
    await tx
      .updateTable('roles')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.permissions !== undefined ? { permissions: JSON.stringify([...new Set(input.permissions)]) } : {}),
        updatedAt: now,
      })
      .where('id', '=', id)
      .execute();
    const after = await loadRole(tx, id);
    await recordAudit(tx, audit, { action: 'role.updated', entityType: 'role', entityId: id, before, after });
    return after;
  });
}

export async function deleteRole(deps: IdentityDeps, id: number, audit: AuditContext): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const before = await loadRole(tx, id);
    if (before.isBuiltIn) throw new ConflictError('conflict', `The built-in role "${before.key}" cannot be deleted.`);
    const holder = await tx.selectFrom('users').select('id').where('roleId', '=', id).limit(1).executeTakeFirst();
    if (holder) throw new ConflictError('conflict', `The role "${before.key}" is still given to people; give them another role first.`);
    await tx.deleteFrom('roles').where('id', '=', id).execute();
    await recordAudit(tx, audit, { action: 'role.deleted', entityType: 'role', entityId: id, before });
  });
}
