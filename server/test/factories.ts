import crypto from 'node:crypto';
import type { BuiltInRoleKey } from '../../shared/permissions.js';
import type { Db } from '../platform/db/database.js';
import { hashToken } from '../platform/secrets.js';
import { apiTokenPrefix, newApiTokenValue } from '../modules/identity/api-token-format.js';
import { hashPassword } from '../modules/identity/passwords.js';
import type { TokenScope } from '../modules/identity/identity.tables.js';

/** Test data builders: they write rows directly, as fast as possible, with believable defaults. */
const now = () => new Date().toISOString();
let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

export interface TestUser {
  id: number;
  email: string;
  name: string;
  password: string | undefined;
  role: string;
}

export async function createUser(
  db: Db,
  options: {
    role?: BuiltInRoleKey | string;
    name?: string;
    email?: string;
    password?: string | null;
    organizationId?: number | null;
    teamIds?: number[];
    leadTeamIds?: number[];
    isActive?: boolean;
    phone?: string;
  } = {},
): Promise<TestUser> {
  const role = options.role ?? 'agent';
  const name = options.name ?? `${role} ${unique()}`;
  const email = (options.email ?? `${role}.${unique()}@example.com`).toLowerCase();
  const password = options.password === null ? undefined : (options.password ?? 'correct horse battery staple');
  const roleRow = await db.selectFrom('roles').select('id').where('key', '=', role).executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({
      name,
      roleId: roleRow.id,
      organizationId: options.organizationId ?? null,
      phone: options.phone ?? null,
      isActive: options.isActive ?? true,
      passwordHash: password ? await hashPassword(password) : null,
      capacity: null,
      lastSignInAt: null,
      createdAt: now(),
      updatedAt: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('userEmails').values({ userId: user.id, email, isPrimary: true }).execute();
  for (const teamId of new Set([...(options.teamIds ?? []), ...(options.leadTeamIds ?? [])])) {
    await db
      .insertInto('teamMembers')
      .values({ teamId, userId: user.id, isLead: (options.leadTeamIds ?? []).includes(teamId), createdAt: now() })
      .execute();
  }
  return { id: user.id, email, name, password, role };
}

export async function createTeam(db: Db, options: { name?: string; tier?: number } = {}): Promise<{ id: number; name: string }> {
  const name = options.name ?? `Team ${unique()}`;
  const team = await db
    .insertInto('teams')
    .values({ name, tier: options.tier ?? 1, createdAt: now(), updatedAt: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: team.id, name };
}

export async function createOrganization(
  db: Db,
  options: { name?: string; domains?: string[]; membersSeeEachOther?: boolean } = {},
): Promise<{ id: number; name: string }> {
  const name = options.name ?? `Organisation ${unique()}`;
  const organization = await db
    .insertInto('organizations')
    .values({ name, membersSeeEachOther: options.membersSeeEachOther ?? false, createdAt: now(), updatedAt: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const domain of options.domains ?? []) {
    await db.insertInto('organizationDomains').values({ domain, organizationId: organization.id }).execute();
  }
  return { id: organization.id, name };
}

/** An API token for `userId`; returns the secret to send as `Authorization: Bearer …`. */
export async function createApiToken(db: Db, userId: number, scope: TokenScope = 'write'): Promise<string> {
  const token = newApiTokenValue();
  await db
    .insertInto('apiTokens')
    .values({
      userId,
      name: `test ${unique()}`,
      tokenHash: hashToken(token),
      prefix: apiTokenPrefix(token),
      scope,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      createdById: null,
      createdAt: now(),
    })
    .execute();
  return token;
}

/** Headers for an API call as `token`. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
