import type { Generated } from 'kysely';
import type { DefaultedFlag, DefaultedJson, Id, Instant, Json } from '../../platform/db/column-types.js';

export interface OrganizationsTable {
  id: Id;
  name: string;
  /** Members may see each other's tickets in the portal. */
  membersSeeEachOther: DefaultedFlag;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface OrganizationDomainsTable {
  /** Lower-case domain; a new requester whose address ends in it joins the organisation. */
  domain: string;
  organizationId: number;
}

export interface RolesTable {
  id: Id;
  /** Stable key: requester, agent, team_lead, manager, admin, or an admin-defined one. */
  key: string;
  name: string;
  description: Generated<string>;
  isBuiltIn: DefaultedFlag;
  /** JSON array of permission names. */
  permissions: Json;
  createdAt: Instant;
  updatedAt: Instant;
}

export type Availability = 'online' | 'away' | 'offline';

export interface UsersTable {
  id: Id;
  name: string;
  roleId: number;
  organizationId: number | null;
  phone: string | null;
  timeZone: Generated<string>;
  locale: Generated<string>;
  isActive: DefaultedFlag;
  isServiceAccount: DefaultedFlag;
  /** scrypt hash with its salt and parameters; null for requesters who sign in by emailed link. */
  passwordHash: string | null;
  /** JSON array of free-form skill tags. */
  skills: DefaultedJson;
  /** Most open tickets this agent should hold; null means no limit. */
  capacity: number | null;
  availability: Generated<Availability>;
  lastSignInAt: Instant | null;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface UserEmailsTable {
  id: Id;
  userId: number;
  /** Lower-case, unique across all users. */
  email: string;
  isPrimary: DefaultedFlag;
}

export interface TeamsTable {
  id: Id;
  name: string;
  description: Generated<string>;
  /** Support tier: 1 is the front line. */
  tier: Generated<number>;
  isActive: DefaultedFlag;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface TeamMembersTable {
  teamId: number;
  userId: number;
  isLead: DefaultedFlag;
  createdAt: Instant;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  idHash: string;
  userId: number;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Instant;
  lastSeenAt: Instant;
  /** Absolute expiry; the idle timeout is checked against lastSeenAt. */
  expiresAt: Instant;
}

export type TokenScope = 'read' | 'write' | 'admin';

export interface ApiTokensTable {
  id: Id;
  userId: number;
  name: string;
  tokenHash: string;
  /** First characters of the token, shown in lists so people can tell tokens apart. */
  prefix: string;
  scope: TokenScope;
  expiresAt: Instant | null;
  lastUsedAt: Instant | null;
  revokedAt: Instant | null;
  createdById: number | null;
  createdAt: Instant;
}

export type AuthTokenPurpose = 'password_reset' | 'magic_link' | 'invitation' | 'first_run';

export interface AuthTokensTable {
  id: Id;
  userId: number;
  purpose: AuthTokenPurpose;
  tokenHash: string;
  expiresAt: Instant;
  usedAt: Instant | null;
  createdAt: Instant;
}

export interface SignInThrottlesTable {
  /** 'account:<email>' or 'address:<ip>'. */
  key: string;
  failures: number;
  lastFailureAt: Instant;
  blockedUntil: Instant;
}

export interface AuditEventsTable {
  id: Id;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Json | null;
  after: Json | null;
  requestId: string | null;
  ip: string | null;
  createdAt: Instant;
}

export interface IdentityTables {
  organizations: OrganizationsTable;
  organizationDomains: OrganizationDomainsTable;
  roles: RolesTable;
  users: UsersTable;
  userEmails: UserEmailsTable;
  teams: TeamsTable;
  teamMembers: TeamMembersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  authTokens: AuthTokensTable;
  signInThrottles: SignInThrottlesTable;
  auditEvents: AuditEventsTable;
}
