/**
 * What a role may do. Roles are permission sets: the five built-in roles below, plus any an admin
 * composes from this list. Visibility of individual tickets is decided by the policy module on top.
 */
export const permissions = [
  'portal.use', // file tickets and follow one's own (and the organisation's, where it allows)
  'tickets.view', // see tickets of one's teams and those assigned to one
  'tickets.view_all', // see every ticket
  'tickets.create', // log tickets for others (phone, walk-in)
  'tickets.update', // change fields, status, assignment
  'tickets.reply', // public replies to requesters
  'tickets.note', // internal notes
  'tickets.bulk', // bulk edit and merge
  'tickets.delete', // delete tickets (audited)
  'views.share', // publish saved views to everyone
  'users.read', // look people up (requesters, agents)
  'users.manage', // create, change and deactivate users
  'organizations.manage',
  'teams.manage',
  'teams.lead', // lead one's own teams: workload, rebalancing, reviews
  'roles.manage',
  'tokens.manage', // create tokens for service accounts and revoke anyone's
  'settings.manage', // desk settings, categories, custom fields, priority matrix
  'audit.read',
  'reports.view',
] as const;

export type Permission = (typeof permissions)[number];

export const builtInRoleKeys = ['requester', 'agent', 'team_lead', 'manager', 'admin'] as const;
export type BuiltInRoleKey = (typeof builtInRoleKeys)[number];

const agentPermissions: Permission[] = [
  'tickets.view',
  'tickets.create',
  'tickets.update',
  'tickets.reply',
  'tickets.note',
  'tickets.bulk',
  'users.read',
];

export const builtInRoles: Record<BuiltInRoleKey, { name: string; description: string; permissions: Permission[] }> = {
  requester: {
    name: 'Requester',
    description: 'Asks for help: files tickets in the portal or by email and follows them.',
    permissions: ['portal.use'],
  },
  agent: {
    name: 'Agent',
    description: "Works the queue of their teams: triages, replies, notes, resolves.",
    permissions: agentPermissions,
  },
  team_lead: {
    name: 'Team lead',
    description: "Supervises a team: sees its queues and workload, rebalances, reviews and coaches.",
    permissions: [...agentPermissions, 'teams.lead', 'views.share', 'reports.view'],
  },
  manager: {
    name: 'Manager',
    description: 'Runs the helpdesk: every ticket, KPIs, people and teams.',
    permissions: [
      ...agentPermissions,
      'tickets.view_all',
      'tickets.delete',
      'teams.lead',
      'views.share',
      'reports.view',
      'users.manage',
      'teams.manage',
      'organizations.manage',
      'audit.read',
    ],
  },
  admin: {
    name: 'Admin',
    description: 'Builds and maintains the system: everything.',
    permissions: [...permissions],
  },
};

/** Permissions that change how the desk is configured: a token needs the admin scope to use them. */
export const administrativePermissions: ReadonlySet<Permission> = new Set<Permission>([
  'users.manage',
  'organizations.manage',
  'teams.manage',
  'roles.manage',
  'tokens.manage',
  'settings.manage',
  'audit.read',
  'tickets.delete',
]);

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (permissions as readonly string[]).includes(value);
}
