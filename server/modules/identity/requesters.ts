import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { recordAudit } from './audit.js';
import { isUniqueViolation } from './guards.js';
import { organizationIdForEmail } from './organizations.service.js';
import { likePattern } from './users.repository.js';

export interface PersonRef {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  organizationId: number | null;
  isActive: boolean;
}

/**
 * The person behind an address, created as a requester (no password: they sign in by emailed link)
 * when unknown. A new requester joins the organisation that owns the address's domain. Used by the
 * mail channel (unknown senders become requesters) and by agents logging a call.
 */
export async function findOrCreateRequester(
  db: Executor,
  clock: Clock,
  input: { email: string; name?: string | null | undefined; phone?: string | null | undefined; actorId?: number | null; requestId?: string | null },
): Promise<{ userId: number; created: boolean; organizationId: number | null }> {
  const email = input.email.trim().toLowerCase();
  const existing = await db
    .selectFrom('userEmails')
    .innerJoin('users', 'users.id', 'userEmails.userId')
    .select(['users.id', 'users.organizationId'])
    .where('userEmails.email', '=', email)
    .executeTakeFirst();
  if (existing) return { userId: existing.id, created: false, organizationId: existing.organizationId };
  const now = clock.now().toISOString();
  try {
    return await inTransaction(db, async (tx) => {
      const role = await tx.selectFrom('roles').select('id').where('key', '=', 'requester').executeTakeFirstOrThrow();
      const organizationId = await organizationIdForEmail(tx, email);
      const name = input.name?.trim() || email.split('@')[0] || email;
      const user = await tx
        .insertInto('users')
        .values({ name, roleId: role.id, organizationId, phone: input.phone ?? null, passwordHash: null, capacity: null, lastSignInAt: null, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('userEmails').values({ userId: user.id, email, isPrimary: true }).execute();
      await recordAudit(
        tx,
        { actorId: input.actorId ?? null, requestId: input.requestId ?? null, ip: null, clock },
        { action: 'user.created', entityType: 'user', entityId: user.id, after: { name, email, role: 'requester', organizationId } },
      );
      return { userId: user.id, created: true, organizationId };
    });
  } catch (error) {
    // Two mails from the same new sender at once: the other one created them first.
    if (!isUniqueViolation(error) || db.isTransaction) throw error;
    const winner = await db.selectFrom('userEmails').innerJoin('users', 'users.id', 'userEmails.userId').select(['users.id', 'users.organizationId']).where('userEmails.email', '=', email).executeTakeFirstOrThrow();
    return { userId: winner.id, created: false, organizationId: winner.organizationId };
  }
}

/** Finds people by part of their name, any email address or phone number (digits compared loosely). */
export async function findPeople(db: Executor, text: string, options: { limit?: number; activeOnly?: boolean } = {}): Promise<PersonRef[]> {
  const pattern = likePattern(text.trim());
  const digits = text.replace(/\D/g, '');
  let query = db
    .selectFrom('users')
    .leftJoin('userEmails', (join) => join.onRef('userEmails.userId', '=', 'users.id').on('userEmails.isPrimary', '=', true))
    .select(['users.id', 'users.name', 'users.phone', 'users.organizationId', 'users.isActive', 'userEmails.email'])
    .where((eb) =>
      eb.or([
        eb(sql`lower(users.name)`, 'like', sql`${pattern} escape '\\'`),
        eb('users.id', 'in', eb.selectFrom('userEmails').select('userId').where(sql`email`, 'like', sql`${pattern} escape '\\'`)),
        ...(digits.length >= 4 ? [eb(sql`replace(replace(replace(replace(coalesce(users.phone, ''), ' ', ''), '-', ''), '(', ''), ')', '')`, 'like', `%${digits}%`)] : []),
      ]),
    );
  if (options.activeOnly ?? true) query = query.where('users.isActive', '=', true);
  const rows = await query.orderBy('users.name').orderBy('users.id').limit(options.limit ?? 20).execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email ?? null,
    phone: row.phone,
    organizationId: row.organizationId,
    isActive: Boolean(row.isActive),
  }));
}
