/**
 * The identity API contract: sign-in, the caller's profile, people, organisations, teams, roles, API
 * tokens and the audit log. The server validates with these, the web app types itself from them.
 */
import { z } from 'zod';
import { permissions } from '../permissions.js';

const id = z.coerce.number().int().positive();
/** Addresses are compared and stored in lower case. */
export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email({ error: 'is not an email address' }).max(254));
const name = z.string().trim().min(1, 'cannot be empty').max(200, 'has at most 200 characters');
const timeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'is not an IANA time zone such as Europe/Paris');
const locale = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'is not a language tag such as en or pt-BR');
/** Passwords are checked against the desk's policy on the server (length, variety); this bounds the size. */
const password = z.string().min(1, 'cannot be empty').max(256, 'has at most 256 characters');
export const PermissionSchema = z.enum(permissions);
export const TokenScopeSchema = z.enum(['read', 'write', 'admin']);
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');
const limit = z.coerce.number().int().min(1).max(200).default(50);

// ---- sign-in and the caller -------------------------------------------------------------------

export const LoginRequestSchema = z.object({ email: EmailSchema, password });

export const MeSchema = z.object({
  id: z.number(),
  name: z.string(),
  /** Primary address. */
  email: z.string().nullable(),
  emails: z.array(z.string()),
  /** Role key: requester, agent, team_lead, manager, admin or a custom one. */
  role: z.string(),
  permissions: z.array(PermissionSchema),
  teamIds: z.array(z.number()),
  leadTeamIds: z.array(z.number()),
  organizationId: z.number().nullable(),
  timeZone: z.string(),
  locale: z.string(),
  /** Present when signed in by cookie: send it back as `x-csrf-token` on every change. */
  csrfToken: z.string().optional(),
});
export type Me = z.infer<typeof MeSchema>;

export const SessionResponseSchema = z.object({ user: MeSchema, csrfToken: z.string() });

export const UpdateMeSchema = z
  .object({
    name,
    timeZone,
    locale,
    /** A new password; needs `currentPassword`. */
    password,
    currentPassword: password,
  })
  .partial()
  .refine((body) => body.password === undefined || body.currentPassword !== undefined, {
    message: 'currentPassword is required to change the password',
    path: ['currentPassword'],
  });

export const EmailRequestSchema = z.object({ email: EmailSchema });
export const PasswordResetConfirmSchema = z.object({ token: z.string().min(1).max(200), password });
export const TokenConsumeSchema = z.object({ token: z.string().min(1).max(200) });
export const AcceptedSchema = z.object({ status: z.literal('accepted') });

// ---- people -------------------------------------------------------------------------------------

export const UserSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  emails: z.array(z.object({ id: z.number(), email: z.string(), isPrimary: z.boolean() })),
  role: z.string(),
  organizationId: z.number().nullable(),
  phone: z.string().nullable(),
  timeZone: z.string(),
  locale: z.string(),
  isActive: z.boolean(),
  isServiceAccount: z.boolean(),
  hasPassword: z.boolean(),
  teamIds: z.array(z.number()),
  leadTeamIds: z.array(z.number()),
  skills: z.array(z.string()),
  capacity: z.number().nullable(),
  availability: z.enum(['online', 'away', 'offline']),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

const skill = z.string().trim().toLowerCase().min(1).max(50);
const phone = z.string().trim().max(40).regex(/^[+0-9 ().\-/x]*$/, 'is not a phone number');

const userFields = {
  name,
  /** Role key, e.g. requester, agent, team_lead, manager, admin. */
  role: z.string().trim().min(1).max(64),
  organizationId: id.nullable(),
  phone: phone.nullable(),
  timeZone,
  locale,
  /** Teams the person works in (agents and up). */
  teamIds: z.array(id).max(100),
  skills: z.array(skill).max(100),
  /** Most open tickets to hold; null means no limit. */
  capacity: z.number().int().min(0).max(10_000).nullable(),
};

export const CreateUserSchema = z.object({
  ...userFields,
  email: EmailSchema,
  /** Optional: requesters may sign in by emailed link only. */
  password: password.optional(),
  role: userFields.role.default('requester'),
  organizationId: userFields.organizationId.optional(),
  phone: userFields.phone.optional(),
  timeZone: timeZone.optional(),
  locale: locale.optional(),
  teamIds: userFields.teamIds.optional(),
  skills: userFields.skills.optional(),
  capacity: userFields.capacity.optional(),
  /** A service account exists for API tokens, not for a person. */
  isServiceAccount: z.boolean().optional(),
  /** Without a password: mail the person an invitation link to choose one (7 days, single use). */
  invite: z.boolean().optional(),
});

/** The answer to sending an invitation: the address the link went to. */
export const InvitationSentSchema = z.object({ sentTo: z.string() });

export const UpdateUserSchema = z
  .object({ ...userFields, isActive: z.boolean(), password, availability: z.enum(['online', 'away', 'offline']) })
  .partial();

export const ListUsersQuerySchema = z.object({
  role: z.string().max(64).optional(),
  teamId: id.optional(),
  organizationId: id.optional(),
  active: booleanQuery.optional(),
  /** Matches name, any email address or phone number. */
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit,
});

export const AddEmailSchema = z.object({ email: EmailSchema });

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// ---- organisations ------------------------------------------------------------------------------

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'is not a domain such as example.com');

export const OrganizationSchema = z.object({
  id: z.number(),
  name: z.string(),
  domains: z.array(z.string()),
  membersSeeEachOther: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const CreateOrganizationSchema = z.object({
  name,
  /** A new requester whose address ends in one of these joins automatically. */
  domains: z.array(domain).max(50).default([]),
  /** Members may see each other's tickets in the portal. */
  membersSeeEachOther: z.boolean().default(false),
});
export const UpdateOrganizationSchema = z
  .object({ name, domains: z.array(domain).max(50), membersSeeEachOther: z.boolean() })
  .partial();
export const ListOrganizationsQuerySchema = z.object({ q: z.string().trim().max(200).optional(), cursor: z.string().max(500).optional(), limit });

// ---- teams --------------------------------------------------------------------------------------

export const TeamMemberSchema = z.object({ userId: z.number(), name: z.string(), isLead: z.boolean() });
export const TeamSchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  /** Support tier: 1 is the front line. */
  tier: z.number(),
  isActive: z.boolean(),
  members: z.array(TeamMemberSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const CreateTeamSchema = z.object({
  name,
  tier: z.number().int().min(1).max(9).default(1),
  description: z.string().trim().max(2000).default(''),
});
export const UpdateTeamSchema = z
  .object({ name, tier: z.number().int().min(1).max(9), description: z.string().trim().max(2000), isActive: z.boolean() })
  .partial();
export const SetTeamMembersSchema = z.object({
  /** The whole membership: people not listed leave the team. */
  members: z.array(z.object({ userId: id, isLead: z.boolean().default(false) })).max(500),
});

// ---- roles --------------------------------------------------------------------------------------

export const RoleSchema = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  isBuiltIn: z.boolean(),
  permissions: z.array(PermissionSchema),
});
export const CreateRoleSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'is lower-case letters, digits and _ (2 to 40 characters), starting with a letter'),
  name,
  description: z.string().trim().max(500).default(''),
  permissions: z.array(PermissionSchema).max(permissions.length),
});
export const UpdateRoleSchema = z
  .object({ name, description: z.string().trim().max(500), permissions: z.array(PermissionSchema).max(permissions.length) })
  .partial();

// ---- API tokens ---------------------------------------------------------------------------------

export const ApiTokenSchema = z.object({
  id: z.number(),
  userId: z.number(),
  name: z.string(),
  /** First characters of the secret, to tell tokens apart. */
  prefix: z.string(),
  scope: TokenScopeSchema,
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const CreateTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scope: TokenScopeSchema.default('write'),
  expiresAt: z.iso.datetime({ offset: true, error: 'is not an ISO-8601 date-time' }).nullable().optional(),
  /** Another user (a service account); needs the tokens.manage permission. */
  userId: id.optional(),
});
export const CreatedTokenSchema = z.object({
  token: ApiTokenSchema,
  /** The secret: shown this once, never again. */
  secret: z.string(),
});
export const ListTokensQuerySchema = z.object({
  /** Someone else's tokens (tokens.manage). */
  userId: id.optional(),
});

// ---- audit --------------------------------------------------------------------------------------

export const AuditEventSchema = z.object({
  id: z.number(),
  actorId: z.number().nullable(),
  /** The actor's name now; null for the system. */
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** What the entry is about, by name: as it is now, else as the entry recorded it. */
  entityName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export const ListAuditEventsQuerySchema = z.object({
  actorId: id.optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(100).optional(),
  limit,
});

export const IdParamsSchema = z.object({ id });
export const UserEmailParamsSchema = z.object({ id, emailId: id });
