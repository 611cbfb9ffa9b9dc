import { builtInRoles, isPermission, type BuiltInRoleKey, type Permission } from '../../../shared/permissions';
import { setLocale } from '../i18n/translate';
import { setTimeZone } from '../i18n/format';
import { api, setCsrfToken } from './client';
import { ApiError } from './api-error';

/** The signed-in person as the app needs them, whatever exact shape /me and /auth/login answer with. */
export interface SessionUser {
  id: number;
  name: string;
  email: string;
  roleKey: string;
  permissions: ReadonlySet<Permission>;
  timeZone: string | null;
  locale: string | null;
  organizationId: number | null;
}

type Raw = Record<string, unknown>;

function normalise(raw: Raw): SessionUser {
  const user = (raw.user && typeof raw.user === 'object' ? raw.user : raw) as Raw;
  const role = user.role as string | { key?: string } | undefined;
  const roleKey = (typeof role === 'string' ? role : (role?.key ?? (user.roleKey as string | undefined))) ?? 'requester';
  const listed = [user.permissions, raw.permissions, (role as Raw | undefined)?.permissions].find(Array.isArray) as unknown[] | undefined;
  const fallback = builtInRoles[roleKey as BuiltInRoleKey]?.permissions ?? [];
  const emails = user.emails as { email?: string; address?: string }[] | string[] | undefined;
  const firstEmail = Array.isArray(emails) ? emails.map((e) => (typeof e === 'string' ? e : (e.email ?? e.address ?? ''))).find(Boolean) : undefined;
  return {
    id: Number(user.id),
    name: String(user.name ?? ''),
    email: String(user.email ?? firstEmail ?? ''),
    roleKey,
    permissions: new Set(listed ? listed.filter(isPermission) : fallback),
    timeZone: (user.timeZone as string | undefined) ?? null,
    locale: (user.locale as string | undefined) ?? null,
    organizationId: (user.organizationId as number | undefined) ?? null,
  };
}

/** Words and dates follow the person's own language and time zone. */
function applyPreferences(user: SessionUser): SessionUser {
  setLocale(user.locale);
  setTimeZone(user.timeZone);
  return user;
}

function adopt(raw: Raw): SessionUser {
  setCsrfToken(raw.csrfToken as string | undefined);
  return applyPreferences(normalise(raw));
}

/**
 * Changes one's own name, time zone or password (with the current one). The answer is the person as they are now;
 * dates follow the new time zone at once.
 */
export async function updateProfile(body: { name?: string; timeZone?: string; password?: string; currentPassword?: string }): Promise<SessionUser> {
  return applyPreferences(normalise(await api.patch<Raw>('/api/v1/me', body)));
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionUser | null> {
  try {
    return adopt(await api.get<Raw>('/api/v1/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<SessionUser> {
  return adopt(await api.post<Raw>('/api/v1/auth/login', { email, password }));
}

export async function consumeMagicLink(token: string): Promise<SessionUser> {
  return adopt(await api.post<Raw>('/api/v1/auth/magic-link/consume', { token }));
}

export async function requestMagicLink(email: string): Promise<void> {
  await api.post('/api/v1/auth/magic-link', { email });
}

export async function signOut(): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

export type Area = 'portal' | 'desk' | 'admin';

/** The console is for those who may change some part of the desk's set-up (each screen needs one of these). */
export const adminPermissions = ['settings.manage', 'users.manage', 'teams.manage', 'organizations.manage', 'roles.manage', 'tokens.manage', 'audit.read'] as const satisfies readonly Permission[];
export type AdminPermission = (typeof adminPermissions)[number];

export function canUseArea(user: SessionUser, area: Area): boolean {
  const has = (p: Permission) => user.permissions.has(p);
  if (area === 'desk') return has('tickets.view') || has('tickets.view_all');
  if (area === 'admin') return adminPermissions.some((permission) => has(permission));
  // Everyone may ask for help: agents and admins file their own tickets in the portal too.
  return true;
}

/** Where `/` sends someone: requesters to the portal, admins to the console, everyone else to the desk. */
export function homeFor(user: SessionUser): string {
  if (user.roleKey === 'admin' && canUseArea(user, 'admin')) return '/admin';
  if (canUseArea(user, 'desk')) return '/desk';
  return '/portal';
}
