import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';

/** Who changed something and through which request: stamped on every audit row. */
export interface AuditContext {
  actorId: number | null;
  requestId: string | null;
  ip: string | null;
  clock: Clock;
}

export function auditContextOf(request: FastifyRequest, clock: Clock): AuditContext {
  return { actorId: request.actor?.userId ?? null, requestId: request.id, ip: request.ip ?? null, clock };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one immutable audit row. Call it with the transaction that makes the change, so the change
 * and its record commit together or not at all. Never pass secrets (password hashes, token values).
 */
export async function recordAudit(executor: Executor, context: AuditContext, entry: AuditEntry): Promise<void> {
  await executor
    .insertInto('auditEvents')
    .values({
      actorId: context.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      requestId: context.requestId,
      ip: context.ip,
      createdAt: context.clock.now().toISOString(),
    })
    .execute();
}
