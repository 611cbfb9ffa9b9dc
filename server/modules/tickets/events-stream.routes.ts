import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PresenceBodySchema, PresenceListSchema } from '../../../shared/schemas/ticket-extras.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError, NotFoundError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { ticketScope, type Actor } from '../identity/index.js';
import { presenceEvent, type EventStreamHub } from './events-stream.hub.js';
import { presenceTtlMs } from './events-stream.presence.js';
import { assertUsesTickets } from './ticket-access.js';
import { visibilityOf } from './tickets.presenter.js';
import { findVisibleTicket } from './tickets.repository.js';

const ticketParams = z.object({ id: z.coerce.number().int().positive() });

export interface EventStreamDependencies {
  hub: EventStreamHub;
  database: Database;
  clock: Clock;
  events: EventBus;
}

/** GET /api/v1/events (Server-Sent Events) and ticket presence. */
export function registerEventStreamRoutes(http: HttpServer, deps: EventStreamDependencies): void {
  const { hub, database, clock, events } = deps;
  const app = http.withTypeProvider<ZodTypeProvider>();

  async function visibleTicket(actor: Actor, id: number) {
    const ticket = await findVisibleTicket(database.db, id, ticketScope(actor));
    if (!ticket) throw new NotFoundError(`Ticket ${id} does not exist.`, { ticketId: id });
    return ticket;
  }

  app.get(
    '/api/v1/events',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['events'],
        summary: 'Live ticket events the caller may see, as Server-Sent Events (send Accept: text/event-stream)',
        description:
          'Event types: ticket.created, ticket.updated, ticket.merged, message.created, presence.changed (agents only), stream.ready, stream.reset (reload: events were missed). Each data line is JSON; ids allow resuming with Last-Event-ID.',
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      assertUsesTickets(actor);
      if (!(request.headers.accept ?? '').includes('text/event-stream')) {
        throw new AppError('not_acceptable', 'This is an event stream: send Accept: text/event-stream (EventSource does).');
      }
      const lastEventId = request.headers['last-event-id'];
      // From here the connection is ours: Fastify's reply (and its onSend headers) no longer apply.
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx and friends would otherwise buffer the stream.
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-request-id': request.id,
      });
      const close = hub.open({ userId: actor.userId, scope: ticketScope(actor) }, reply.raw, typeof lastEventId === 'string' ? lastEventId : undefined);
      request.raw.on('close', close);
    },
  );

  app.post(
    '/api/v1/tickets/:id/presence',
    {
      config: { access: { permission: 'tickets.view' } },
      schema: {
        tags: ['events'],
        summary: `Say you are viewing or replying to a ticket (other agents see it for ${presenceTtlMs / 1000} s unless renewed), or that you left`,
        params: ticketParams,
        body: PresenceBodySchema,
        response: { 200: PresenceListSchema },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const ticket = await visibleTicket(actor, request.params.id);
      const now = clock.now();
      const presence = {
        ticketId: ticket.id,
        userId: actor.userId,
        name: actor.name,
        state: request.body.state,
        expiresAt: new Date(now.getTime() + presenceTtlMs).toISOString(),
      };
      // Through the bus, so agents connected to any instance hear it (and every instance records it).
      await events.publish(presenceEvent({ presence, facts: visibilityOf(ticket) }, now.toISOString()));
      return { items: hub.presence.onTicket(ticket.id, now) };
    },
  );

  app.get(
    '/api/v1/tickets/:id/presence',
    {
      config: { access: { permission: 'tickets.view' } },
      schema: { tags: ['events'], summary: 'Who is viewing or replying to a ticket now', params: ticketParams, response: { 200: PresenceListSchema } },
    },
    async (request) => {
      const ticket = await visibleTicket(request.actor!, request.params.id);
      return { items: hub.presence.onTicket(ticket.id, clock.now()) };
    },
  );
}
