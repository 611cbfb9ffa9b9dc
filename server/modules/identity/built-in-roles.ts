import { builtInRoleKeys, builtInRoles } from '../../../shared/permissions.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';

/**
 * Makes sure the five built-in roles exist and carry the current permission sets (new permissions
 * arrive with new versions). Runs at start; idempotent; safe with several instances starting at once.
 */
export async function ensureBuiltInRoles(db: Db, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  for (const key of builtInRoleKeys) {
    const role = builtInRoles[key];
    await db
      .insertInto('roles')
      .values({
        key,
        name: role.name,
        description: role.description,
        isBuiltIn: true,
        permissions: JSON.stringify(role.permissions),
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.column('key').doUpdateSet({ permissions: JSON.stringify(role.permissions), isBuiltIn: true }))
      .execute();
  }
}
