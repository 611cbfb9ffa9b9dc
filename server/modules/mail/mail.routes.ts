import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MailboxCheckSchema, MailboxInputSchema, MailboxSchema, MailFailureSchema } from '../../../shared/schemas/mail.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { FailedMailService } from './failed-mail.service.js';
import type { MailboxesService } from './mailboxes.service.js';

const IdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const ReprocessOutcomeSchema = z.object({
  status: z.enum(['imported', 'noise', 'failed', 'duplicate']),
  rawMessageId: z.number().nullable(),
  ticketId: z.number().nullable().optional(),
  ticketRef: z.number().nullable().optional(),
  reason: z.string().optional(),
});

/** Mailboxes and the failed-mail list: desk configuration, for admins only. */
export function registerMailRoutes(server: HttpServer, mailboxes: MailboxesService, failures: FailedMailService, smtpListenerPort: () => number | null): void {
  const http = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['mail'];
  const manage = { access: { permission: 'settings.manage' } } as const;

  http.get(
    '/api/v1/mailboxes',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mailboxes the desk receives and sends at, and where the built-in SMTP listener takes mail (null port: off)',
        response: { 200: z.object({ items: z.array(MailboxSchema), smtpListener: z.object({ port: z.number().nullable() }) }) },
      },
    },
    async () => ({ items: await mailboxes.list(), smtpListener: { port: smtpListenerPort() } }),
  );
  http.post(
    '/api/v1/mailboxes',
    { config: manage, schema: { tags, summary: 'Add a mailbox (passwords are stored encrypted)', body: MailboxInputSchema, response: { 201: MailboxSchema } } },
    async (request, reply) => reply.code(201).send(await mailboxes.create(request.body)),
  );
  http.get('/api/v1/mailboxes/:id', { config: manage, schema: { tags, summary: 'One mailbox', params: IdParamsSchema, response: { 200: MailboxSchema } } }, async (request) =>
    mailboxes.get(request.params.id),
  );
  http.put(
    '/api/v1/mailboxes/:id',
    {
      config: manage,
      schema: { tags, summary: 'Replace a mailbox’s settings (a password left out is kept)', params: IdParamsSchema, body: MailboxInputSchema, response: { 200: MailboxSchema } },
    },
    async (request) => mailboxes.update(request.params.id, request.body),
  );
  http.post(
    '/api/v1/mailboxes/:id/check',
    {
      config: manage,
      schema: { tags, summary: 'Sign in to the mailbox’s IMAP and SMTP servers now and say how it went', params: IdParamsSchema, response: { 200: MailboxCheckSchema } },
    },
    async (request) => mailboxes.check(request.params.id),
  );
  http.delete('/api/v1/mailboxes/:id', { config: manage, schema: { tags, summary: 'Remove a mailbox', params: IdParamsSchema } }, async (request, reply) => {
    await mailboxes.remove(request.params.id);
    return reply.code(204).send();
  });

  http.get(
    '/api/v1/mail/failures',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mail that could not become a ticket (newest first), once per mail with its attempts and last error',
        querystring: z.object({
          includeResolved: z.enum(['true', 'false']).default('false'),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(MailFailureSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => failures.list({ includeResolved: request.query.includeResolved === 'true', before: request.query.before, limit: request.query.limit }),
  );
  http.get('/api/v1/mail/failures/:id/raw', { config: manage, schema: { tags, summary: 'Download the message exactly as it arrived', params: IdParamsSchema } }, async (request, reply) => {
    const raw = await failures.raw(request.params.id);
    return reply.header('content-type', 'message/rfc822').header('content-disposition', `attachment; filename="${raw.fileName}"`).send(raw.content);
  });
  http.post(
    '/api/v1/mail/failures/:id/reprocess',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Run a failed mail through intake again, optionally into another mailbox (failing again counts an attempt on the same entry)',
        params: IdParamsSchema,
        body: z.object({ mailboxId: z.number().int().positive().optional() }).default({}),
        response: { 200: ReprocessOutcomeSchema },
      },
    },
    async (request) => failures.reprocess(request.params.id, request.body.mailboxId),
  );
}
