import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { migrationStatus } from '../db/migrate.js';
import type { HttpServer } from './server.js';

const healthResponse = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });
const readyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.object({
    dialect: z.enum(['sqlite', 'postgres']),
    reachable: z.boolean(),
    pendingMigrations: z.number().int(),
    error: z.string().optional(),
  }),
});

/** /healthz: the process answers. /readyz: it can do useful work (database up, schema current). */
export function registerHealthRoutes(app: HttpServer, database: Database): void {
  app.get(
    '/healthz',
    { config: { access: 'public' }, logLevel: 'warn', schema: { tags: ['operations'], response: { 200: healthResponse } } },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      logLevel: 'warn',
      schema: { tags: ['operations'], response: { 200: readyResponse, 503: readyResponse } },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(database.db);
        const { pending } = await migrationStatus(database.db);
        const ready = pending.length === 0;
        return reply.code(ready ? 200 : 503).send({
          status: ready ? 'ready' : 'not_ready',
          database: { dialect: database.dialect, reachable: true, pendingMigrations: pending.length },
        });
      } catch (error) {
        return reply.code(503).send({
          status: 'not_ready',
          database: { dialect: database.dialect, reachable: false, pendingMigrations: -1, error: (error as Error).message },
        });
      }
    },
  );
}
