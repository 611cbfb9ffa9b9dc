import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AddEmailSchema,
  CreateUserSchema,
  IdParamsSchema,
  InvitationSentSchema,
  ListUsersQuerySchema,
  page,
  UpdateUserSchema,
  UserEmailParamsSchema,
  UserSchema,
} from '../../../shared/schemas/identity.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { auditContextOf } from './audit.js';
import type { IdentityDeps } from './identity-deps.js';
import { inviteUser } from './invitations.js';
import { listUserIds, loadUser, loadUsers } from './users.repository.js';
import { addEmail, createUser, removeEmail, updateUser } from './users.service.js';

const tags = ['users'];

export function registerUserRoutes(http: HttpServer, deps: IdentityDeps): void {
  const app = http.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/users',
    {
      config: { access: { permission: 'users.read' } },
      schema: { tags, summary: 'People, sorted by name; filter by role, team, organisation, active, text', querystring: ListUsersQuerySchema, response: { 200: page(UserSchema) } },
    },
    async (request) => {
      const { ids, nextCursor } = await listUserIds(deps.db, request.query);
      return { items: await loadUsers(deps.db, ids), nextCursor };
    },
  );

  app.post(
    '/api/v1/users',
    { config: { access: { permission: 'users.manage' } }, schema: { tags, summary: 'Create a person or service account; `invite: true` (without a password) also mails them an invitation', body: CreateUserSchema, response: { 201: UserSchema } } },
    async (request, reply) => reply.code(201).send(await createUser(deps, request.actor, request.body, auditContextOf(request, deps.clock), request.log)),
  );

  app.get(
    '/api/v1/users/:id',
    { config: { access: { permission: 'users.read' } }, schema: { tags, summary: 'One person', params: IdParamsSchema, response: { 200: UserSchema } } },
    async (request) => {
      const user = await loadUser(deps.db, request.params.id);
      if (!user) throw new NotFoundError(`There is no user ${request.params.id}.`);
      return user;
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: { tags, summary: 'Change a person; `isActive: false` deactivates (and signs them out)', params: IdParamsSchema, body: UpdateUserSchema, response: { 200: UserSchema } },
    },
    async (request) => updateUser(deps, request.actor, request.params.id, request.body, auditContextOf(request, deps.clock)),
  );

  app.post(
    '/api/v1/users/:id/invitation',
    {
      config: { access: { permission: 'users.manage' } },
      schema: { tags, summary: 'Mail an active person a link to choose their password (single use, 7 days)', params: IdParamsSchema, response: { 202: InvitationSentSchema } },
    },
    async (request, reply) => reply.code(202).send(await inviteUser(deps, request.log, request.actor, request.params.id, auditContextOf(request, deps.clock))),
  );

  app.post(
    '/api/v1/users/:id/emails',
    { config: { access: { permission: 'users.manage' } }, schema: { tags, summary: 'Add another email address', params: IdParamsSchema, body: AddEmailSchema, response: { 201: UserSchema } } },
    async (request, reply) => reply.code(201).send(await addEmail(deps, request.actor, request.params.id, request.body.email, auditContextOf(request, deps.clock))),
  );

  app.delete(
    '/api/v1/users/:id/emails/:emailId',
    { config: { access: { permission: 'users.manage' } }, schema: { tags, summary: 'Remove a secondary email address', params: UserEmailParamsSchema, response: { 200: UserSchema } } },
    async (request) => removeEmail(deps, request.actor, request.params.id, request.params.emailId, auditContextOf(request, deps.clock)),
  );
}
