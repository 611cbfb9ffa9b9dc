import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateOrganizationSchema,
  IdParamsSchema,
  ListOrganizationsQuerySchema,
  OrganizationSchema,
  page,
  UpdateOrganizationSchema,
} from '../../../shared/schemas/identity.js';
import type { HttpServer } from '../../platform/http/server.js';
import { auditContextOf } from './audit.js';
import type { IdentityDeps } from './identity-deps.js';
import { createOrganization, listOrganizations, loadOrganization, updateOrganization } from './organizations.service.js';

const tags = ['organizations'];

export function registerOrganizationRoutes(http: HttpServer, deps: IdentityDeps): void {
  const app = http.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/organizations',
    {
      config: { access: { permission: 'users.read' } },
      schema: { tags, summary: 'Organisations, sorted by name; `q` matches name or domain', querystring: ListOrganizationsQuerySchema, response: { 200: page(OrganizationSchema) } },
    },
    async (request) => listOrganizations(deps.db, request.query),
  );

  app.post(
    '/api/v1/organizations',
    { config: { access: { permission: 'organizations.manage' } }, schema: { tags, summary: 'Create an organisation', body: CreateOrganizationSchema, response: { 201: OrganizationSchema } } },
    async (request, reply) => reply.code(201).send(await createOrganization(deps, request.body, auditContextOf(request, deps.clock))),
  );

  app.get(
    '/api/v1/organizations/:id',
    { config: { access: { permission: 'users.read' } }, schema: { tags, summary: 'One organisation', params: IdParamsSchema, response: { 200: OrganizationSchema } } },
    async (request) => loadOrganization(deps.db, request.params.id),
  );

  app.patch(
    '/api/v1/organizations/:id',
    {
      config: { access: { permission: 'organizations.manage' } },
      schema: { tags, summary: 'Change an organisation (domains are replaced as a whole)', params: IdParamsSchema, body: UpdateOrganizationSchema, response: { 200: OrganizationSchema } },
    },
    async (request) => updateOrganization(deps, request.params.id, request.body, auditContextOf(request, deps.clock)),
  );
}
