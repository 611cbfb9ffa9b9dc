import type { z } from 'zod';
import type { CreateOrganizationSchema, UpdateOrganizationSchema } from '../../../shared/schemas/identity.js';
import type { Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import { recordAudit, type AuditContext } from './audit.js';
import { decodeNameIdCursor, encodeCursor } from './cursor.js';
import { isUniqueViolation } from './guards.js';
import type { IdentityDeps } from './identity-deps.js';
import { likePattern } from './users.repository.js';

export interface Organization {
  id: number;
  name: string;
  domains: string[];
  membersSeeEachOther: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * The organisation a new requester joins by the domain of their address, or null. Subdomains count:
 * someone@it.example.com joins the organisation that owns example.com unless it.example.com is owned
 * by another one (the longest matching domain wins).
 */
export async function organizationIdForEmail(db: Executor, email: string): Promise<number | null> {
  const host = email.trim().toLowerCase().split('@')[1];
  if (!host) return null;
  const labels = host.split('.');
  const candidates = labels.slice(0, -1).map((_, index) => labels.slice(index).join('.'));
  if (candidates.length === 0) return null;
  const rows = await db.selectFrom('organizationDomains').select(['domain', 'organizationId']).where('domain', 'in', candidates).execute();
  const best = rows.sort((a, b) => b.domain.length - a.domain.length)[0];
  return best?.organizationId ?? null;
}

export async function loadOrganizations(db: Executor, ids: readonly number[]): Promise<Organization[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organizations').selectAll().where('id', 'in', ids).execute();
  const domains = await db.selectFrom('organizationDomains').selectAll().where('organizationId', 'in', ids).orderBy('domain').execute();
  return ids
    .map((id) => rows.find((row) => row.id === id))
    .filter((row) => row !== undefined)
    .map((row) => ({
      id: row.id,
      name: row.name,
      domains: domains.filter((d) => d.organizationId === row.id).map((d) => d.domain),
      membersSeeEachOther: Boolean(row.membersSeeEachOther),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }));
}

async function loadOrganization(db: Executor, id: number): Promise<Organization> {
  const organization = (await loadOrganizations(db, [id]))[0];
  if (!organization) throw new NotFoundError(`There is no organisation ${id}.`);
  return organization;
}

export { loadOrganization };

export async function listOrganizations(db: Executor, filter: { q?: string | undefined; cursor?: string | undefined; limit: number }) {
  let query = db.selectFrom('organizations').select(['id', 'name']);
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', pattern),
        eb('id', 'in', eb.selectFrom('organizationDomains').select('organizationId').where('domain', 'like', pattern)),
      ]),
    );
  }
  const after = decodeNameIdCursor(filter.cursor);
  if (after) query = query.where((eb) => eb.or([eb('name', '>', after[0]), eb.and([eb('name', '=', after[0]), eb('id', '>', after[1])])]));
  const rows = await query.orderBy('name').orderBy('id').limit(filter.limit + 1).execute();
  const pageRows = rows.slice(0, filter.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: await loadOrganizations(db, pageRows.map((row) => row.id)),
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

async function assertDomainsFree(db: Executor, domains: readonly string[], organizationId: number | null): Promise<void> {
  if (domains.length === 0) return;
  const taken = await db.selectFrom('organizationDomains').select(['domain', 'organizationId']).where('domain', 'in', domains).execute();
  const clash = taken.find((row) => row.organizationId !== organizationId);
  if (clash) throw new ConflictError('duplicate', `The domain ${clash.domain} already belongs to organisation ${clash.organizationId}.`, { field: 'domains' });
}

function duplicateName(error: unknown, name: string | undefined): never {
  if (isUniqueViolation(error)) throw new ConflictError('duplicate', `An organisation named "${name ?? ''}" already exists.`, { field: 'name' });
  throw error;
}

export async function createOrganization(deps: IdentityDeps, input: z.output<typeof CreateOrganizationSchema>, audit: AuditContext): Promise<Organization> {
  const now = deps.clock.now().toISOString();
  const domains = [...new Set(input.domains)];
  try {
    return await inTransaction(deps.db, async (tx) => {
      await assertDomainsFree(tx, domains, null);
      const row = await tx
        .insertInto('organizations')
        .values({ name: input.name, membersSeeEachOther: input.membersSeeEachOther, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const domain of domains) await tx.insertInto('organizationDomains').values({ domain, organizationId: row.id }).execute();
      const created = await loadOrganization(tx, row.id);
      await recordAudit(tx, audit, { action: 'organization.created', entityType: 'organization', entityId: row.id, after: created });
      return created;
    });
  } catch (error) {
    return duplicateName(error, input.name);
  }
}

export async function updateOrganization(
  deps: IdentityDeps,
  id: number,
  input: z.output<typeof UpdateOrganizationSchema>,
  audit: AuditContext,
): Promise<Organization> {
  const now = deps.clock.now().toISOString();
  try {
    return await inTransaction(deps.db, async (tx) => {
      const before = await loadOrganization(tx, id);
      await tx
        .updateTable('organizations')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.membersSeeEachOther !== undefined ? { membersSeeEachOther: input.membersSeeEachOther } : {}),
          updatedAt: now,
        })
        .where('id', '=', id)
        .execute();
      if (input.domains !== undefined) {
        const domains = [...new Set(input.domains)];
        await assertDomainsFree(tx, domains, id);
        await tx.deleteFrom('organizationDomains').where('organizationId', '=', id).execute();
        for (const domain of domains) await tx.insertInto('organizationDomains').values({ domain, organizationId: id }).execute();
      }
      const after = await loadOrganization(tx, id);
      await recordAudit(tx, audit, { action: 'organization.updated', entityType: 'organization', entityId: id, before, after });
      return after;
    });
  } catch (error) {
    return duplicateName(error, input.name);
  }
}
