import type { Me } from '../../../shared/schemas/identity.js';
import { permissions } from '../../../shared/permissions.js';
import type { Executor } from '../../platform/db/database.js';
import type { Actor } from './actor.js';

/** The caller as `GET /me` shows them: who they are and what the interface may offer them. */
export async function presentMe(db: Executor, actor: Actor): Promise<Me> {
  const emails = await db
    .selectFrom('userEmails')
    .select(['email', 'isPrimary'])
    .where('userId', '=', actor.userId)
    .orderBy('isPrimary', 'desc')
    .orderBy('id')
    .execute();
  return {
    id: actor.userId,
    name: actor.name,
    email: emails[0]?.email ?? null,
    emails: emails.map((e) => e.email),
    role: actor.roleKey,
    // In the canonical order of the permission list, so clients can compare lists.
    permissions: permissions.filter((permission) => actor.permissions.has(permission)),
    teamIds: [...actor.teamIds],
    leadTeamIds: [...actor.leadTeamIds],
    organizationId: actor.organizationId,
    timeZone: actor.timeZone,
    locale: actor.locale,
    ...(actor.via === 'session' && actor.csrfToken ? { csrfToken: actor.csrfToken } : {}),
  };
}
