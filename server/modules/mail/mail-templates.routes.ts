import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MailTemplateInputSchema, MailTemplateSchema, mailTemplateKeys, type MailTemplate, type MailTemplateKey } from '../../../shared/schemas/mail.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { placeholderProblems } from '../../../shared/mail-template-text.js';
import { defaultTemplates, templateVariables } from './mail-templates.js';

const KeyParamsSchema = z.object({ key: z.enum(mailTemplateKeys) });

/** Notification templates: the defaults, overridden per key by what an admin saved. */
export function registerMailTemplateRoutes(server: HttpServer, db: Db, clock: Clock): void {
  const http = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['mail'];
  const manage = { access: { permission: 'settings.manage' } } as const;

  async function read(key: MailTemplateKey): Promise<MailTemplate> {
    const row = await db.selectFrom('mailTemplates').selectAll().where('key', '=', key).executeTakeFirst();
    const text = row ?? defaultTemplates[key];
    return { key, subject: text.subject, bodyText: text.bodyText, bodyHtml: text.bodyHtml, variables: templateVariables[key], isCustomised: row !== undefined, updatedAt: row?.updatedAt ?? null };
  }

  http.get('/api/v1/mail/templates', { config: manage, schema: { tags, summary: 'Notification templates', response: { 200: z.object({ items: z.array(MailTemplateSchema) }) } } }, async () => ({
    items: await Promise.all(mailTemplateKeys.map(read)),
  }));
  http.put(
    '/api/v1/mail/templates/:key',
    { config: manage, schema: { tags, summary: 'Save a template ({{variable}} placeholders)', params: KeyParamsSchema, body: MailTemplateInputSchema, response: { 200: MailTemplateSchema } } },
    async (request) => {
      const { key } = request.params;
      const allowed = templateVariables[key];
      for (const field of ['subject', 'bodyText', 'bodyHtml'] as const) {
        const problems = placeholderProblems(request.body[field], allowed);
        const unknown = [...problems.unknown, ...problems.malformed];
        if (unknown.length > 0) {
          throw new ValidationError('invalid_field', `${unknown.join(', ')} is not something this mail can fill in. It can use: ${allowed.map((name) => `{{${name}}}`).join(', ')}.`, {
            field,
            unknown,
            allowed,
          });
        }
      }
      // The built-in wording saved back as it is: nothing is customised.
      const builtIn = defaultTemplates[key];
      if (request.body.subject === builtIn.subject && request.body.bodyText === builtIn.bodyText && request.body.bodyHtml === builtIn.bodyHtml) {
        await db.deleteFrom('mailTemplates').where('key', '=', key).execute();
        return read(key);
      }
      const now = nowIso(clock);
      const values = { ...request.body, updatedById: request.actor?.userId ?? null, updatedAt: now };
      await db
        .insertInto('mailTemplates')
        .values({ key: request.params.key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
      return read(request.params.key);
    },
  );
  http.delete('/api/v1/mail/templates/:key', { config: manage, schema: { tags, summary: 'Go back to the default template', params: KeyParamsSchema } }, async (request, reply) => {
    await db.deleteFrom('mailTemplates').where('key', '=', request.params.key).execute();
    return reply.code(204).send();
  });
}
