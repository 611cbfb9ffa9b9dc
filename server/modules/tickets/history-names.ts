import type { Executor } from '../../platform/db/database.js';
import { formatReference } from './tickets.presenter.js';
import { loadUsers } from './tickets.repository.js';

/**
 * History rows keep ids (who was assigned, which team, which category), so a name changed later reads as it is now
 * and nothing is copied into every row. A page of history is shown with the names of what its rows refer to:
 * `user:12` → "Maria Lopez", `team:3` → "Network", `category:5` → "Hardware › Laptops", `ticket:40` → "#1040".
 */
export type NamedKind = 'user' | 'team' | 'category' | 'organization' | 'ticket';

const kindOfField: Record<string, NamedKind> = {
  assigneeId: 'user',
  requesterId: 'user',
  watcherIds: 'user',
  teamId: 'team',
  categoryId: 'category',
  organizationId: 'organization',
  mergedIntoId: 'ticket',
};

function ids(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((item): item is number => typeof item === 'number');
  return [];
}

/** What one history row names by id, as `kind:id` keys. */
export function referencesOf(field: string, from: unknown, to: unknown): string[] {
  const keys: string[] = [];
  const add = (kind: NamedKind, value: unknown) => keys.push(...ids(value).map((id) => `${kind}:${id}`));
  const kind = kindOfField[field];
  if (kind) {
    add(kind, from);
    add(kind, to);
  }
  const object = (to ?? {}) as Record<string, unknown>;
  if (field === 'created') {
    for (const [key, value] of Object.entries(object)) if (kindOfField[key]) add(kindOfField[key]!, value);
  }
  // Links and merges name the other ticket inside an object.
  if (field === 'link' || field === 'merged') {
    for (const value of [from, to]) if (value && typeof value === 'object') add('ticket', (value as Record<string, unknown>).ticketId);
  }
  // Escalations: the people told, and an agent a skipped reassignment named.
  if (field === 'escalation.notified') add('user', object.userIds);
  if (field === 'escalation.skipped') add('user', object.assigneeId);
  return keys;
}

/** The current name of every `kind:id` key; a key whose row is gone is left out (shown as its id). */
export async function namesOf(db: Executor, keys: Iterable<string>): Promise<Map<string, string>> {
  const wanted = new Map<NamedKind, Set<number>>();
  for (const key of keys) {
    const [kind, id] = key.split(':') as [NamedKind, string];
    if (!wanted.has(kind)) wanted.set(kind, new Set());
    wanted.get(kind)!.add(Number(id));
  }
  const names = new Map<string, string>();
  const of = (kind: NamedKind) => [...(wanted.get(kind) ?? [])];
  for (const [id, user] of await loadUsers(db, of('user'))) names.set(`user:${id}`, user.name);
  if (of('team').length > 0) {
    for (const team of await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', of('team')).execute()) names.set(`team:${team.id}`, team.name);
  }
  if (of('organization').length > 0) {
    const organizations = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', of('organization')).execute();
    for (const organization of organizations) names.set(`organization:${organization.id}`, organization.name);
  }
  if (of('category').length > 0) {
    const categories = await db.selectFrom('categories').select(['id', 'name', 'parentId']).where('id', 'in', of('category')).execute();
    const parentIds = [...new Set(categories.flatMap((category) => (category.parentId === null ? [] : [category.parentId])))];
    const parents = parentIds.length === 0 ? [] : await db.selectFrom('categories').select(['id', 'name']).where('id', 'in', parentIds).execute();
    const parentName = new Map(parents.map((parent) => [parent.id, parent.name]));
    for (const category of categories) {
      const parent = category.parentId === null ? undefined : parentName.get(category.parentId);
      names.set(`category:${category.id}`, parent ? `${parent} › ${category.name}` : category.name);
    }
  }
  if (of('ticket').length > 0) {
    for (const ticket of await db.selectFrom('tickets').select(['id', 'ref']).where('id', 'in', of('ticket')).execute()) names.set(`ticket:${ticket.id}`, formatReference(Number(ticket.ref)));
  }
  return names;
}
