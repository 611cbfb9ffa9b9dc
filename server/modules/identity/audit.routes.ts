import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AuditEventSchema, ListAuditEventsQuerySchema, page } from '../../../shared/schemas/identity.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Executor } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { IdentityDeps } from './identity-deps.js';

const tags = ['audit'];

/** Newest first, keyset-paginated on id (ids grow with time). */
export async function listAuditEvents(db: Executor, filter: z.output<typeof ListAuditEventsQuerySchema>) {
  let query = db.selectFrom('auditEvents').selectAll();
  if (filter.actorId) query = query.where('actorId', '=', filter.actorId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.entityType) query = query.where('entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
  if (filter.from) query = query.where('createdAt', '>=', new Date(filter.from).toISOString());
  if (filter.to) query = query.where('createdAt', '<', new Date(filter.to).toISOString());
  if (filter.cursor) {
    const before = Number(filter.cursor);
    if (!Number.isSafeInteger(before)) throw new ValidationError('invalid_field', 'cursor: is not a cursor from a previous page.', { field: 'cursor' });
    query = query.where('id', '<', before);
  }
  const rows = await query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
  const items = rows.slice(0, filter.limit).map((row) => ({
    ...row,
    before: row.before === null ? null : parseJson<unknown>(row.before),
    after: row.after === null ? null : parseJson<unknown>(row.after),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? String(last.id) : null };
}

export function registerAuditRoutes(http: HttpServer, deps: IdentityDeps): void {
  const app = http.withTypeProvider<ZodTypeProvider>();
  // Read-only on purpose: the audit log has no route that changes or deletes an entry.
  app.get(
    '/api/v1/audit-events',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, summary: 'The audit log, newest first; filter by actor, action, entity, time range', querystring: ListAuditEventsQuerySchema, response: { 200: page(AuditEventSchema) } },
    },
    async (request) => listAuditEvents(deps.db, request.query),
  );
}
