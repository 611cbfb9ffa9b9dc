import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateViewBodySchema, UpdateViewBodySchema, ViewListSchema, ViewSchema } from '../../../shared/schemas/ticket-extras.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { ViewsService } from './views.service.js';

const params = z.object({ id: z.coerce.number().int().positive() });
const access = { access: { permission: 'tickets.view' as const } };

export function registerViewRoutes(http: HttpServer, views: ViewsService): void {
  const app = http.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/views',
    {
      config: access,
      schema: {
        tags: ['views'],
        summary: 'Saved views: your own and the shared ones, each with its ticket count for you',
        querystring: z.object({ counts: z.enum(['true', 'false']).default('true').describe('false skips the counts') }),
        response: { 200: ViewListSchema },
      },
    },
    async (request) => ({ items: await views.list(request.actor!, { counts: request.query.counts === 'true' }) }),
  );
  app.post(
    '/api/v1/views',
    { config: access, schema: { tags: ['views'], summary: 'Save a view (shared needs views.share)', body: CreateViewBodySchema, response: { 201: ViewSchema } } },
    async (request, reply) => reply.code(201).send(await views.create(request.actor!, request.body)),
  );
  app.get(
    '/api/v1/views/:id',
    { config: access, schema: { tags: ['views'], summary: 'One saved view with its count', params, response: { 200: ViewSchema } } },
    async (request) => views.get(request.actor!, request.params.id),
  );
  app.patch(
    '/api/v1/views/:id',
    { config: access, schema: { tags: ['views'], summary: 'Change a saved view', params, body: UpdateViewBodySchema, response: { 200: ViewSchema } } },
    async (request) => views.update(request.actor!, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/views/:id',
    { config: access, schema: { tags: ['views'], summary: 'Delete a saved view', params, response: { 204: z.null() } } },
    async (request, reply) => {
      await views.remove(request.actor!, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
