import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MeSchema, UpdateMeSchema } from '../../../shared/schemas/identity.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { HttpServer } from '../../platform/http/server.js';
import { loadActor } from './actor-loader.js';
import { auditContextOf, recordAudit } from './audit.js';
import { changeOwnPassword } from './auth.service.js';
import type { IdentityDeps } from './identity-deps.js';
import { presentMe } from './me.js';

const tags = ['me'];

export function registerMeRoutes(http: HttpServer, deps: IdentityDeps): void {
  const app = http.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/me',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'The caller: profile, role, permissions, teams (and the CSRF token for cookie sessions)', response: { 200: MeSchema } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return presentMe(deps.db, request.actor!);
    },
  );

  app.patch(
    '/api/v1/me',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Change one\'s own name, time zone, locale or password (with the current one)', body: UpdateMeSchema, response: { 200: MeSchema } },
    },
    async (request) => {
      const actor = request.actor!;
      const audit = auditContextOf(request, deps.clock);
      const { name, timeZone, locale, password, currentPassword } = request.body;
      if (password !== undefined && currentPassword !== undefined) {
        await changeOwnPassword(deps, actor.userId, { currentPassword, password, keepSessionIdHash: actor.sessionIdHash, ip: request.ip ?? null }, audit);
      }
      if (name !== undefined || timeZone !== undefined || locale !== undefined) {
        await inTransaction(deps.db, async (tx) => {
          const before = await tx.selectFrom('users').select(['name', 'timeZone', 'locale']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
          const changes = { ...(name !== undefined ? { name } : {}), ...(timeZone !== undefined ? { timeZone } : {}), ...(locale !== undefined ? { locale } : {}) };
          await tx.updateTable('users').set({ ...changes, updatedAt: deps.clock.now().toISOString() }).where('id', '=', actor.userId).execute();
          await recordAudit(tx, audit, { action: 'user.profile_updated', entityType: 'user', entityId: actor.userId, before, after: { ...before, ...changes } });
        });
      }
      const fresh = await loadActor(deps.db, actor.userId, actor.via, {
        ...(actor.tokenScope ? { tokenScope: actor.tokenScope } : {}),
        ...(actor.sessionIdHash ? { sessionIdHash: actor.sessionIdHash } : {}),
        ...(actor.csrfToken ? { csrfToken: actor.csrfToken } : {}),
      });
      return presentMe(deps.db, fresh ?? actor);
    },
  );
}
