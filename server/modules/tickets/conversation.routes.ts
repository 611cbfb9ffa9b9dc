import { z } from 'zod';
import {
  CreateLinkBodySchema,
  CreateMessageBodySchema,
  CreateTimeEntryBodySchema,
  HistoryEntrySchema,
  LinkSchema,
  MergeBodySchema,
  MessageCreatedSchema,
  MessageSchema,
  TicketSchema,
  TimeEntrySchema,
} from '../../../shared/schemas/tickets.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { MessagesService } from './messages.service.js';
import type { TicketRelationsService } from './ticket-relations.service.js';
import { actorOf, TicketParamsSchema } from './tickets.routes.js';

const PageQuerySchema = z.object({
  /** The nextCursor of the previous page. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A ticket's conversation, history, links, time entries and merge. */
export function registerConversationRoutes(server: HttpServer, messages: MessagesService, relations: TicketRelationsService): void {
  const http = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];

  http.get(
    '/api/v1/tickets/:id/messages',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The conversation, oldest first (internal notes only for agents)', params: TicketParamsSchema, querystring: PageQuerySchema, response: { 200: pageOf(MessageSchema) } },
    },
    async (request) => messages.list(actorOf(request), request.params.id, { after: request.query.cursor, limit: request.query.limit }),
  );

  http.post(
    '/api/v1/tickets/:id/messages',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Reply, or add an internal note; a requester reply to a closed ticket opens a new linked ticket (returned as `ticket`)',
        params: TicketParamsSchema,
        body: CreateMessageBodySchema,
        response: { 201: MessageCreatedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await messages.post(actorOf(request), request.params.id, request.body)),
  );

  http.get(
    '/api/v1/tickets/:id/history',
    {
      config: { access: { permission: 'tickets.view' } },
      schema: { tags, summary: 'Every change to the ticket, oldest first', params: TicketParamsSchema, querystring: PageQuerySchema, response: { 200: pageOf(HistoryEntrySchema) } },
    },
    async (request) => relations.history(actorOf(request), request.params.id, { after: request.query.cursor, limit: request.query.limit }),
  );

  http.get(
    '/api/v1/tickets/:id/links',
    {
      config: { access: { permission: 'tickets.view' } },
      schema: { tags, summary: 'Linked tickets, read from this ticket’s side', params: TicketParamsSchema, response: { 200: z.object({ items: z.array(LinkSchema) }) } },
    },
    async (request) => relations.links(actorOf(request), request.params.id),
  );

  http.post(
    '/api/v1/tickets/:id/links',
    {
      config: { access: { permission: 'tickets.update' } },
      schema: { tags, summary: 'Link to another ticket (parent/child, related, duplicate, caused by)', params: TicketParamsSchema, body: CreateLinkBodySchema, response: { 201: LinkSchema } },
    },
    async (request, reply) => reply.code(201).send(await relations.addLink(actorOf(request), request.params.id, request.body.relation, request.body.ticketId)),
  );

  http.delete(
    '/api/v1/tickets/:id/links/:linkId',
    {
      config: { access: { permission: 'tickets.update' } },
      schema: { tags, summary: 'Remove a link', params: TicketParamsSchema.extend({ linkId: z.coerce.number().int().positive() }) },
    },
    async (request, reply) => {
      await relations.removeLink(actorOf(request), request.params.id, request.params.linkId);
      return reply.code(204).send();
    },
  );

  http.get(
    '/api/v1/tickets/:id/time-entries',
    {
      config: { access: { permission: 'tickets.view' } },
      schema: { tags, summary: 'Time tracked on the ticket', params: TicketParamsSchema, response: { 200: z.object({ items: z.array(TimeEntrySchema) }) } },
    },
    async (request) => relations.timeEntries(actorOf(request), request.params.id),
  );

  http.post(
    '/api/v1/tickets/:id/time-entries',
    {
      config: { access: { permission: 'tickets.update' } },
      schema: { tags, summary: 'Track time on the ticket', params: TicketParamsSchema, body: CreateTimeEntryBodySchema, response: { 201: TimeEntrySchema } },
    },
    async (request, reply) => reply.code(201).send(await relations.addTimeEntry(actorOf(request), request.params.id, request.body)),
  );

  http.post(
    '/api/v1/tickets/:id/merge',
    {
      config: { access: { permission: 'tickets.bulk' } },
      schema: {
        tags,
        summary: 'Merge this ticket into another: its messages move, it is closed and linked as a duplicate',
        params: TicketParamsSchema,
        body: MergeBodySchema,
        response: { 200: z.object({ source: TicketSchema, target: TicketSchema, movedMessages: z.number() }) },
      },
    },
    async (request) => relations.merge(actorOf(request), request.params.id, request.body.targetId, request.body.version),
  );
}
