import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permissions } from '../../../shared/permissions.js';
import { CreateRoleSchema, IdParamsSchema, PermissionSchema, RoleSchema, UpdateRoleSchema } from '../../../shared/schemas/identity.js';
import type { HttpServer } from '../../platform/http/server.js';
import { auditContextOf } from './audit.js';
import type { IdentityDeps } from './identity-deps.js';
import { createRole, deleteRole, listRoles, loadRole, updateRole } from './roles.service.js';

const tags = ['roles'];

export function registerRoleRoutes(http: HttpServer, deps: IdentityDeps): void {
  const app = http.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/roles',
    { config: { access: { permission: 'users.read' } }, schema: { tags, summary: 'Built-in and custom roles with their permissions', response: { 200: z.object({ items: z.array(RoleSchema) }) } } },
    async () => ({ items: await listRoles(deps.db) }),
  );

  app.get(
    '/api/v1/permissions',
    { config: { access: { permission: 'users.read' } }, schema: { tags, summary: 'Every permission a role can be built from', response: { 200: z.object({ items: z.array(PermissionSchema) }) } } },
    async () => ({ items: [...permissions] }),
  );

  app.post(
    '/api/v1/roles',
    { config: { access: { permission: 'roles.manage' } }, schema: { tags, summary: 'Define a custom role from the permission list', body: CreateRoleSchema, response: { 201: RoleSchema } } },
    async (request, reply) => reply.code(201).send(await createRole(deps, request.actor, request.body, auditContextOf(request, deps.clock))),
  );

  app.get(
    '/api/v1/roles/:id',
    { config: { access: { permission: 'users.read' } }, schema: { tags, summary: 'One role', params: IdParamsSchema, response: { 200: RoleSchema } } },
    async (request) => loadRole(deps.db, request.params.id),
  );

  app.patch(
    '/api/v1/roles/:id',
    { config: { access: { permission: 'roles.manage' } }, schema: { tags, summary: 'Change a custom role (built-in roles are read-only: 409)', params: IdParamsSchema, body: UpdateRoleSchema, response: { 200: RoleSchema } } },
    async (request) => updateRole(deps, request.actor, request.params.id, request.body, auditContextOf(request, deps.clock)),
  );

  app.delete(
    '/api/v1/roles/:id',
    { config: { access: { permission: 'roles.manage' } }, schema: { tags, summary: 'Delete an unused custom role', params: IdParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteRole(deps, request.params.id, auditContextOf(request, deps.clock));
      return reply.code(204).send(null);
    },
  );
}
