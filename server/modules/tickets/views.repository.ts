import { expressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { TicketScope } from '../identity/index.js';
import { visibleTo } from './tickets.repository.js';
import type { SavedViewsTable } from './tickets.tables.js';
import type { TicketCondition } from './views.filters.js';

/** The only SQL of saved views. */

export type SavedViewRow = Selectable<SavedViewsTable>;

/** The caller's own views and every shared one, in the order the sidebar shows them. */
export async function listVisibleViews(db: Executor, userId: number): Promise<SavedViewRow[]> {
  return db
    .selectFrom('savedViews')
    .selectAll()
    .where((eb) => eb.or([eb('ownerId', '=', userId), eb('isShared', '=', true)]))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findVisibleView(db: Executor, id: number, userId: number): Promise<SavedViewRow | undefined> {
  return db
    .selectFrom('savedViews')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('ownerId', '=', userId), eb('isShared', '=', true)]))
    .executeTakeFirst();
}

export async function insertView(db: Executor, values: Insertable<SavedViewsTable>): Promise<SavedViewRow> {
  return db.insertInto('savedViews').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateView(db: Executor, id: number, changes: Updateable<SavedViewsTable>): Promise<SavedViewRow> {
  return db.updateTable('savedViews').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteView(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('savedViews').where('id', '=', id).execute();
}

/**
 * How many tickets the caller sees through a view: one COUNT over the same conditions the list uses,
 * each on an indexed column, inside the caller's visibility scope.
 */
export async function countTickets(db: Executor, scope: TicketScope, conditions: readonly TicketCondition[]): Promise<number> {
  const eb = expressionBuilder<Database, 'tickets'>();
  const where = eb.and([visibleTo(scope)(eb), ...conditions.map((condition) => condition(eb))]);
  const row = await db
    .selectFrom('tickets')
    .select((s) => s.fn.countAll<number>().as('count'))
    .where(where)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
