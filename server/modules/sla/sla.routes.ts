import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BusinessCalendarInputSchema,
  BusinessCalendarSchema,
  ManualEscalationSchema,
  SlaPolicyInputSchema,
  SlaPolicyOrderSchema,
  SlaPolicySchema,
  SlaPreviewInputSchema,
  SlaPreviewSchema,
  TicketSlaSchema,
} from '../../../shared/schemas/sla.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { Clock } from '../../platform/clock.js';
import { auditContextOf } from '../identity/index.js';
import type { SlaService } from './sla.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const admin = { access: { permission: 'settings.manage' as const } };

/** HTTP only: validation at the edge, the service does the rest. */
export function registerSlaRoutes(http: HttpServer, sla: SlaService, clock: Clock): void {
  const app = http.withTypeProvider<ZodTypeProvider>();
  const audit = (request: Parameters<typeof auditContextOf>[0]) => auditContextOf(request, clock);
  const calendars = ['business-calendars'];
  const policies = ['sla-policies'];

  app.get('/api/v1/business-calendars', { config: admin, schema: { tags: calendars, summary: 'Business calendars', response: { 200: z.array(BusinessCalendarSchema) } } }, async () => sla.listCalendars());
  app.post(
    '/api/v1/business-calendars',
    { config: admin, schema: { tags: calendars, summary: 'Create a business calendar', body: BusinessCalendarInputSchema, response: { 201: BusinessCalendarSchema } } },
    async (request, reply) => reply.code(201).send(await sla.createCalendar(request.body, audit(request))),
  );
  app.get('/api/v1/business-calendars/:id', { config: admin, schema: { tags: calendars, summary: 'One business calendar', params: IdParams, response: { 200: BusinessCalendarSchema } } }, async (request) => sla.getCalendar(request.params.id));
  app.put(
    '/api/v1/business-calendars/:id',
    { config: admin, schema: { tags: calendars, summary: 'Replace a business calendar; due times of open tickets are recomputed', params: IdParams, body: BusinessCalendarInputSchema, response: { 200: BusinessCalendarSchema } } },
    async (request) => sla.updateCalendar(request.params.id, request.body, audit(request)),
  );
  app.delete('/api/v1/business-calendars/:id', { config: admin, schema: { tags: calendars, summary: 'Delete an unused business calendar', params: IdParams } }, async (request, reply) => {
    await sla.deleteCalendar(request.params.id, audit(request));
    return reply.code(204).send();
  });

  app.get('/api/v1/sla-policies', { config: admin, schema: { tags: policies, summary: 'SLA policies in evaluation order (first match wins)', response: { 200: z.array(SlaPolicySchema) } } }, async () => sla.listPolicies());
  app.post(
    '/api/v1/sla-policies',
    { config: admin, schema: { tags: policies, summary: 'Create an SLA policy', body: SlaPolicyInputSchema, response: { 201: SlaPolicySchema } } },
    async (request, reply) => reply.code(201).send(await sla.createPolicy(request.body, audit(request))),
  );
  app.put(
    '/api/v1/sla-policies/order',
    { config: admin, schema: { tags: policies, summary: 'Set the evaluation order', body: SlaPolicyOrderSchema, response: { 200: z.array(SlaPolicySchema) } } },
    async (request) => sla.reorderPolicies(request.body.policyIds, audit(request)),
  );
  app.post(
    '/api/v1/sla-policies/preview',
    { config: admin, schema: { tags: policies, summary: 'When a ticket created now (or at createdAt) would be due', body: SlaPreviewInputSchema, response: { 200: SlaPreviewSchema } } },
    async (request) => sla.preview(request.body),
  );
  app.get('/api/v1/sla-policies/:id', { config: admin, schema: { tags: policies, summary: 'One SLA policy', params: IdParams, response: { 200: SlaPolicySchema } } }, async (request) => sla.getPolicy(request.params.id));
  app.put(
    '/api/v1/sla-policies/:id',
    { config: admin, schema: { tags: policies, summary: 'Replace an SLA policy; open tickets keep the time spent and get new due times', params: IdParams, body: SlaPolicyInputSchema, response: { 200: SlaPolicySchema } } },
    async (request) => sla.updatePolicy(request.params.id, request.body, audit(request)),
  );
  app.delete('/api/v1/sla-policies/:id', { config: admin, schema: { tags: policies, summary: 'Delete an SLA policy', params: IdParams } }, async (request, reply) => {
    await sla.deletePolicy(request.params.id, audit(request));
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/tickets/:id/sla',
    { config: { access: 'authenticated' }, schema: { tags: ['tickets'], summary: "A ticket's SLA clocks: targets, due times, time spent, warnings and breaches", params: IdParams, response: { 200: TicketSlaSchema } } },
    async (request) => sla.ticketSla(request.actor!, request.params.id),
  );
  app.post(
    '/api/v1/tickets/:id/escalate',
    { config: { access: { permission: 'tickets.update' } }, schema: { tags: ['tickets'], summary: 'Escalate to a higher tier, with a reason', params: IdParams, body: ManualEscalationSchema, response: { 200: TicketSlaSchema } } },
    async (request) => sla.escalate(request.actor!, request.params.id, request.body),
  );
}
