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
  const page = rows.slice(0, filter.limit).map((row) => ({
    ...row,
    before: row.before === null ? null : parseJson<unknown>(row.before),
    after: row.after === null ? null : parseJson<unknown>(row.after),
  }));
  const names = await currentNames(db, page);
  const items = page.map((row) => ({
    ...row,
    actorName: row.actorId === null ? null : (names.get(`user:${row.actorId}`) ?? null),
    // The name it has now, else the one the entry recorded (a deleted policy, a role since removed).
    entityName: names.get(`${row.entityType}:${row.entityId}`) ?? nameIn(row.after) ?? nameIn(row.before),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? String(last.id) : null };
}

const nameIn = (value: unknown): string | null => {
  const name = value && typeof value === 'object' ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : null;
};

/** Tables of the entities the identity module audits, whose current names the log shows. */
const namedTables = { user: 'users', team: 'teams', organization: 'organizations', role: 'roles', api_token: 'apiTokens' } as const;

/** `type:id` → the current name of the people who acted and the identity entities a page of entries is about. */
async function currentNames(db: Executor, entries: ReadonlyArray<{ actorId: number | null; entityType: string; entityId: string | null }>): Promise<Map<string, string>> {
  const wanted = new Map<keyof typeof namedTables, Set<number>>();
  const want = (type: string, id: unknown) => {
    const numeric = Number(id);
    if (!(type in namedTables) || id === null || !Number.isSafeInteger(numeric)) return;
    const key = type as keyof typeof namedTables;
    if (!wanted.has(key)) wanted.set(key, new Set());
    wanted.get(key)!.add(numeric);
  };
  for (const entry of entries) {
    want('user', entry.actorId);
    want(entry.entityType, entry.entityId);
  }
  const names = new Map<string, string>();
  for (const [type, ids] of wanted) {
    const rows = await db.selectFrom(namedTables[type]).select(['id', 'name']).where('id', 'in', [...ids]).execute();
    for (const row of rows) names.set(`${type}:${row.id}`, row.name);
  }
  return names;
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
