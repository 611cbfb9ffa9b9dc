import { z } from 'zod';
import {
  BulkResultSchema,
  BulkUpdateBodySchema,
  CreateTicketBodySchema,
  TicketListQuerySchema,
  TicketListSchema,
  TicketSchema,
  UpdateTicketBodySchema,
} from '../../../shared/schemas/tickets.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { Actor } from '../identity/index.js';
import type { TicketsService } from './tickets.service.js';

export const TicketParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** The route-access hook guarantees an actor on every non-public route. */
export function actorOf(request: { actor: Actor | null }): Actor {
  return request.actor!;
}

/** /api/v1/tickets: HTTP only; the service holds the rules. */
export function registerTicketRoutes(server: HttpServer, tickets: TicketsService): void {
  const http = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];

  http.post(
    '/api/v1/tickets',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'File a ticket', body: CreateTicketBodySchema, response: { 201: TicketSchema } },
    },
    async (request, reply) => reply.code(201).send(await tickets.create(actorOf(request), request.body)),
  );

  http.get(
    '/api/v1/tickets',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'List the tickets the caller may see (filters, sort, keyset pagination)', querystring: TicketListQuerySchema, response: { 200: TicketListSchema } },
    },
    async (request) => tickets.list(actorOf(request), request.query),
  );

  http.post(
    '/api/v1/tickets/bulk',
    {
      config: { access: { permission: 'tickets.bulk' } },
      schema: { tags, summary: 'Change many tickets at once; one result per ticket', body: BulkUpdateBodySchema, response: { 200: BulkResultSchema } },
    },
    async (request) => tickets.bulkUpdate(actorOf(request), request.body.ticketIds, request.body.changes, request.body.reason ?? null),
  );

  http.get(
    '/api/v1/tickets/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Read a ticket', params: TicketParamsSchema, response: { 200: TicketSchema } },
    },
    async (request) => tickets.get(actorOf(request), request.params.id),
  );

  http.patch(
    '/api/v1/tickets/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change a ticket (send the version you saw; a stale one gets 409 stale_version with the current ticket)',
        params: TicketParamsSchema,
        body: UpdateTicketBodySchema,
        response: { 200: TicketSchema },
      },
    },
    async (request) => tickets.update(actorOf(request), request.params.id, request.body),
  );
}
