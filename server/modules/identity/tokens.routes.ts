import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiTokenSchema, CreatedTokenSchema, CreateTokenSchema, IdParamsSchema, ListTokensQuerySchema } from '../../../shared/schemas/identity.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { auditContextOf } from './audit.js';
import type { IdentityDeps } from './identity-deps.js';
import { createToken, listTokens, revokeToken } from './tokens.service.js';

const tags = ['tokens'];

export function registerTokenRoutes(http: HttpServer, deps: IdentityDeps): void {
  const app = http.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/tokens',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The caller\'s API tokens (or, with tokens.manage, another user\'s)', querystring: ListTokensQuerySchema, response: { 200: z.object({ items: z.array(ApiTokenSchema) }) } },
    },
    async (request) => {
      const actor = request.actor!;
      const userId = request.query.userId ?? actor.userId;
      if (userId !== actor.userId && !actor.permissions.has('tokens.manage')) throw new NotFoundError(`There is no user ${userId}.`);
      return { items: await listTokens(deps.db, userId) };
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Create an API token; the secret is in this answer only', body: CreateTokenSchema, response: { 201: CreatedTokenSchema } },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const { name, scope, expiresAt, userId } = request.body;
      const created = await createToken(deps, actor, { userId: userId ?? actor.userId, name, scope, expiresAt }, auditContextOf(request, deps.clock));
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Revoke a token (one\'s own, or any with tokens.manage)', params: IdParamsSchema, response: { 200: ApiTokenSchema } } },
    async (request) => revokeToken(deps, request.actor!, request.params.id, auditContextOf(request, deps.clock)),
  );
}
