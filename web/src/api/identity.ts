import { allPages, api } from './client';

/** People, teams, organisations, roles, tokens and audit, as the admin console and the desk use them. */
export interface UserSummary {
  id: number;
  name: string;
  email: string | null;
  phone?: string | null;
  role?: string | { key: string; name?: string };
  roleKey?: string;
  isActive?: boolean;
  active?: boolean;
  isServiceAccount?: boolean;
  organizationId?: number | null;
}

export interface TeamMember {
  userId?: number;
  id?: number;
  name?: string;
  isLead?: boolean;
  lead?: boolean;
  user?: { id: number; name: string };
}

export interface Team {
  id: number;
  name: string;
  description?: string;
  tier: number;
  members?: TeamMember[];
  leadIds?: number[];
  memberIds?: number[];
}

export interface Organization {
  id: number;
  name: string;
  domains?: string[];
  emailDomains?: string[];
  membersSeeEachOther?: boolean;
  sharesTickets?: boolean;
}

export interface Role {
  id?: number;
  key: string;
  name: string;
  description?: string;
  permissions: string[];
  builtIn?: boolean;
  isBuiltIn?: boolean;
}

export interface ApiToken {
  id: number;
  name: string;
  scope?: string;
  scopes?: string[];
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  createdAt?: string;
  revokedAt?: string | null;
}

export interface AuditEvent {
  id: number;
  action: string;
  actorId: number | null;
  actorName: string | null;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  createdAt: string;
}

type Listing<T> = T[] | { items: T[]; nextCursor?: string | null };
const items = <T>(value: Listing<T>): T[] => (Array.isArray(value) ? value : value.items);

export function roleKeyOf(user: UserSummary): string {
  return typeof user.role === 'string' ? user.role : (user.role?.key ?? user.roleKey ?? 'requester');
}

export function isActiveUser(user: UserSummary): boolean {
  return user.isActive ?? user.active ?? true;
}

export const identityApi = {
  /**
   * Everyone who is not a requester, role by role: a first page of all users, sorted by name, holds mostly
   * requesters (on the demo desk, 6 of its 18 staff).
   */
  staff: async () => {
    const roles = items(await api.get<Listing<Role>>('/api/v1/roles')).filter((role) => role.key !== 'requester');
    const byRole = await Promise.all(roles.map((role) => allPages<UserSummary>('/api/v1/users', { limit: 100, role: role.key })));
    return byRole.flat().sort((a, b) => a.name.localeCompare(b.name));
  },
  /** One page of people by name, and the cursor of the next. */
  usersPage: (query: Record<string, string | number | undefined>, cursor?: string) =>
    api.get<{ items: UserSummary[]; nextCursor: string | null }>('/api/v1/users', { limit: 100, ...query, cursor }),
  /** The first page only: for a lookup by name that shows a few matches. */
  users: async (query: Record<string, string | number | undefined> = {}) => (await identityApi.usersPage(query)).items,
  createUser: (body: { name: string; email: string; role: string; password?: string; phone?: string; invite?: boolean }) => api.post<UserSummary>('/api/v1/users', body),
  inviteUser: (id: number) => api.post<{ sentTo: string }>(`/api/v1/users/${id}/invitation`, {}),
  updateUser: (id: number, body: Record<string, unknown>) => api.patch<UserSummary>(`/api/v1/users/${id}`, body),
  teams: async () => items(await api.get<Listing<Team>>('/api/v1/teams')),
  team: (id: number) => api.get<Team>(`/api/v1/teams/${id}`),
  createTeam: (body: { name: string; tier: number; description?: string }) => api.post<Team>('/api/v1/teams', body),
  /** Replaces the whole membership: people not listed leave the team. */
  setMembers: (teamId: number, members: { userId: number; isLead: boolean }[]) => api.put<Team>(`/api/v1/teams/${teamId}/members`, { members }),
  organizations: async () => items(await api.get<Listing<Organization>>('/api/v1/organizations')),
  createOrganization: (body: Record<string, unknown>) => api.post<Organization>('/api/v1/organizations', body),
  roles: async () => items(await api.get<Listing<Role>>('/api/v1/roles')),
  createRole: (body: { key: string; name: string; permissions: string[] }) => api.post<Role>('/api/v1/roles', body),
  tokens: async () => items(await api.get<Listing<ApiToken>>('/api/v1/tokens')),
  createToken: (body: { name: string; scope: string }) => api.post<{ token: ApiToken; secret: string }>('/api/v1/tokens', body),
  revokeToken: (id: number) => api.delete<unknown>(`/api/v1/tokens/${id}`),
  auditEvents: async () => items(await api.get<Listing<AuditEvent>>('/api/v1/audit-events', { limit: 100 })),
};
