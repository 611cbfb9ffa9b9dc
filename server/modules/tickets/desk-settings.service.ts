import type { z } from 'zod';
import { defaultPriorityMatrix, type PriorityMatrix } from '../../../shared/priority-matrix.js';
import type { Category, CategoryBodySchema, CustomField, CustomFieldBodySchema, DeskSettings, DeskSettingsBodySchema } from '../../../shared/schemas/tickets.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { cachedReference } from '../../platform/db/reference-cache.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Actor } from '../identity/index.js';
import { deskBrandKey, readDeskBrand, type DeskBrand } from '../../platform/desk-brand.js';

/**
 * The admin-managed shape of the desk that tickets rely on: the category tree, custom field
 * definitions and the impact × urgency matrix. Every change is written to the audit log.
 */
const matrixKey = 'tickets.priority_matrix';
const defaultTeamKey = 'tickets.default_team';

export type CategoryBody = z.infer<typeof CategoryBodySchema>;
export type DeskSettingsBody = z.infer<typeof DeskSettingsBodySchema>;
export type CustomFieldBody = z.infer<typeof CustomFieldBodySchema>;
export type CategoryNode = Category & { depth: number; path: string };

export function createDeskSettingsService({ db, clock }: { db: Db; clock: Clock }) {
  async function audit(tx: Executor, actor: Actor, action: string, entityType: string, entityId: number | string, before: unknown, after: unknown) {
    await tx
      .insertInto('auditEvents')
      .values({
        actorId: actor.userId,
        action,
        entityType,
        entityId: String(entityId),
        before: before === null ? null : JSON.stringify(before),
        after: after === null ? null : JSON.stringify(after),
        requestId: null,
        ip: null,
        createdAt: nowIso(clock),
      })
      .execute();
  }

  async function priorityMatrix(executor: Executor = db): Promise<PriorityMatrix> {
    return cachedReference(executor, 'priority-matrix', async () => {
      const row = await executor.selectFrom('settings').select('value').where('key', '=', matrixKey).executeTakeFirst();
      return row ? parseJson<PriorityMatrix>(row.value) : defaultPriorityMatrix;
    });
  }

  async function setPriorityMatrix(actor: Actor, matrix: PriorityMatrix): Promise<PriorityMatrix> {
    return inTransaction(db, async (tx) => {
      const before = await priorityMatrix(tx);
      await writeSetting(tx, matrixKey, JSON.stringify(matrix));
      await audit(tx, actor, 'priority_matrix.updated', 'setting', matrixKey, before, matrix);
      return matrix;
    });
  }

  /**
   * The desk-wide settings: the default team as configured — an admin's choice (a team id or null for none), or,
   * until someone chooses, the first active tier-1 team (the front line) so that portal and API tickets never go
   * unseen by default — and the desk's name, accent colour and logo.
   */
  async function deskSettings(executor: Executor = db): Promise<DeskSettings> {
    return { ...(await defaultTeamSetting(executor)), ...(await readDeskBrand(executor)) };
  }

  async function defaultTeamSetting(executor: Executor): Promise<{ defaultTeamId: number | null; automatic: boolean }> {
    const row = await executor.selectFrom('settings').select('value').where('key', '=', defaultTeamKey).executeTakeFirst();
    if (row) return { defaultTeamId: parseJson<{ teamId: number | null }>(row.value).teamId, automatic: false };
    const frontLine = await executor.selectFrom('teams').select('id').where('isActive', '=', true).where('tier', '=', 1).orderBy('id').limit(1).executeTakeFirst();
    return { defaultTeamId: frontLine?.id ?? null, automatic: true };
  }

  /** The team for a ticket nothing else routes: the default team while it is active, else none. */
  async function defaultTeamId(executor: Executor = db): Promise<number | null> {
    return cachedReference(executor, 'default-team', async () => {
      const { defaultTeamId: teamId, automatic } = await defaultTeamSetting(executor);
      // The automatic choice was read among active teams already; only an admin's choice may have gone inactive since.
      if (teamId === null || automatic) return teamId;
      const team = await executor.selectFrom('teams').select(['id', 'isActive']).where('id', '=', teamId).executeTakeFirst();
      return team && team.isActive ? team.id : null;
    });
  }

  async function writeSetting(tx: Executor, key: string, value: string): Promise<void> {
    const at = nowIso(clock);
    await tx
      .insertInto('settings')
      .values({ key, value, updatedAt: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: at }))
      .execute();
  }

  /** Changes only the settings sent; all of them or none (one transaction, one audit entry with before and after). */
  async function updateDeskSettings(actor: Actor, body: DeskSettingsBody): Promise<DeskSettings> {
    return inTransaction(db, async (tx) => {
      if (body.defaultTeamId !== undefined && body.defaultTeamId !== null) {
        const team = await tx.selectFrom('teams').select(['id', 'isActive']).where('id', '=', body.defaultTeamId).executeTakeFirst();
        if (!team || !team.isActive) throw new ValidationError('invalid_field', `There is no active team ${body.defaultTeamId}.`, { field: 'defaultTeamId' });
      }
      const before = await deskSettings(tx);
      if (body.defaultTeamId !== undefined) await writeSetting(tx, defaultTeamKey, JSON.stringify({ teamId: body.defaultTeamId }));
      const brand: DeskBrand = {
        deskName: body.deskName ?? before.deskName,
        accentColor: body.accentColor ?? before.accentColor,
        logoUrl: body.logoUrl === undefined ? before.logoUrl : body.logoUrl,
      };
      const brandChanged = body.deskName !== undefined || body.accentColor !== undefined || body.logoUrl !== undefined;
      if (brandChanged) await writeSetting(tx, deskBrandKey, JSON.stringify(brand));
      const after: DeskSettings =
        body.defaultTeamId === undefined ? { ...before, ...brand } : { ...before, ...brand, defaultTeamId: body.defaultTeamId, automatic: false };
      // The entry names the stored key it changed (both keys when both changed).
      const entityId = !brandChanged ? defaultTeamKey : body.defaultTeamId === undefined ? deskBrandKey : `${defaultTeamKey},${deskBrandKey}`;
      await audit(tx, actor, 'desk_settings.updated', 'setting', entityId, before, after);
      return after;
    });
  }

  function toCategory(row: {
    id: number;
    parentId: number | null;
    name: string;
    description: string;
    position: number;
    defaultTeamId: number | null;
    isActive: boolean | number;
  }): Category {
    return { ...row, isActive: Boolean(row.isActive) };
  }

  /** The whole tree, flattened depth-first (parents before children, siblings by position then name). */
  async function listCategories(): Promise<CategoryNode[]> {
    const rows = (await db.selectFrom('categories').selectAll().orderBy('position').orderBy('name').execute()).map(toCategory);
    const children = new Map<number | null, Category[]>();
    for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
    const out: CategoryNode[] = [];
    const walk = (parentId: number | null, depth: number, prefix: string) => {
      for (const category of children.get(parentId) ?? []) {
        const path = prefix ? `${prefix} / ${category.name}` : category.name;
        out.push({ ...category, depth, path });
        walk(category.id, depth + 1, path);
      }
    };
    walk(null, 0, '');
    return out;
  }

  async function assertParentAllowed(tx: Executor, id: number | null, parentId: number | null | undefined): Promise<void> {
    if (parentId === undefined || parentId === null) return;
    // Walk up from the new parent: meeting the category itself would make a cycle.
    let cursor: number | null = parentId;
    while (cursor !== null) {
      if (cursor === id) throw new ValidationError('invalid_field', 'A category cannot sit under itself or its own children.', { field: 'parentId' });
      const row: { parentId: number | null } | undefined = await tx.selectFrom('categories').select('parentId').where('id', '=', cursor).executeTakeFirst();
      if (!row) throw new ValidationError('invalid_field', `There is no category ${parentId} to put this one under.`, { field: 'parentId' });
      cursor = row.parentId;
    }
  }

  async function assertUniqueName(tx: Executor, id: number | null, parentId: number | null, name: string): Promise<void> {
    let query = tx.selectFrom('categories').select('id').where('name', '=', name);
    query = parentId === null ? query.where('parentId', 'is', null) : query.where('parentId', '=', parentId);
    const clash = await query.executeTakeFirst();
    if (clash && clash.id !== id) throw new ConflictError('duplicate', `A category named "${name}" already exists at that level.`, { field: 'name' });
  }

  async function assertTeam(tx: Executor, teamId: number | null | undefined): Promise<void> {
    if (teamId === undefined || teamId === null) return;
    const team = await tx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw new ValidationError('invalid_field', `There is no team ${teamId}.`, { field: 'defaultTeamId' });
  }

  async function createCategory(actor: Actor, body: CategoryBody): Promise<Category> {
    return inTransaction(db, async (tx) => {
      const parentId = body.parentId ?? null;
      await assertParentAllowed(tx, null, parentId);
      await assertUniqueName(tx, null, parentId, body.name);
      await assertTeam(tx, body.defaultTeamId);
      const at = nowIso(clock);
      const row = await tx
        .insertInto('categories')
        .values({
          parentId,
          name: body.name,
          description: body.description ?? '',
          position: body.position ?? 0,
          defaultTeamId: body.defaultTeamId ?? null,
          isActive: body.isActive ?? true,
          createdAt: at,
          updatedAt: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const category = toCategory(row);
      await audit(tx, actor, 'category.created', 'category', row.id, null, category);
      return category;
    });
  }

  async function updateCategory(actor: Actor, id: number, body: Partial<CategoryBody>): Promise<Category> {
    return inTransaction(db, async (tx) => {
      const current = await tx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw new NotFoundError(`There is no category ${id}.`);
      const parentId = body.parentId === undefined ? current.parentId : body.parentId;
      await assertParentAllowed(tx, id, parentId);
      await assertUniqueName(tx, id, parentId, body.name ?? current.name);
      await assertTeam(tx, body.defaultTeamId);
      const row = await tx
        .updateTable('categories')
        .set({
          parentId,
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
          ...(body.defaultTeamId !== undefined ? { defaultTeamId: body.defaultTeamId } : {}),
          ...(body.isActive !== undefined ? { isActive: body.isActive } : {}),
          updatedAt: nowIso(clock),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const category = toCategory(row);
      await audit(tx, actor, 'category.updated', 'category', id, toCategory(current), category);
      return category;
    });
  }

  function toCustomField(row: {
    id: number;
    key: string;
    label: string;
    fieldType: CustomField['fieldType'];
    options: unknown;
    requiredFromStatus: CustomField['requiredFromStatus'];
    description: string;
    position: number;
    isActive: boolean | number;
  }): CustomField {
    return { ...row, options: parseJson<string[]>(row.options), isActive: Boolean(row.isActive) };
  }

  async function listCustomFields(executor: Executor = db): Promise<CustomField[]> {
    return cachedReference(executor, 'custom-fields', async () => {
      const rows = await executor.selectFrom('customFields').selectAll().orderBy('position').orderBy('id').execute();
      return rows.map(toCustomField);
    });
  }

  function assertOptions(fieldType: CustomField['fieldType'], options: readonly string[]): void {
    const needsOptions = fieldType === 'dropdown' || fieldType === 'multi_select';
    if (needsOptions && options.length === 0) {
      throw new ValidationError('invalid_field', 'A dropdown or multi-select field needs at least one option.', { field: 'options' });
    }
    if (new Set(options).size !== options.length) throw new ValidationError('invalid_field', 'Options must be different from each other.', { field: 'options' });
  }

  async function createCustomField(actor: Actor, body: CustomFieldBody): Promise<CustomField> {
    return inTransaction(db, async (tx) => {
      const options = body.options ?? [];
      assertOptions(body.fieldType, options);
      const clash = await tx.selectFrom('customFields').select('id').where('key', '=', body.key).executeTakeFirst();
      if (clash) throw new ConflictError('duplicate', `A custom field with key "${body.key}" already exists.`, { field: 'key' });
      const at = nowIso(clock);
      const row = await tx
        .insertInto('customFields')
        .values({
          key: body.key,
          label: body.label,
          fieldType: body.fieldType,
          options: JSON.stringify(options),
          requiredFromStatus: body.requiredFromStatus ?? null,
          description: body.description ?? '',
          position: body.position ?? 0,
          isActive: body.isActive ?? true,
          createdAt: at,
          updatedAt: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const field = toCustomField(row);
      await audit(tx, actor, 'custom_field.created', 'custom_field', row.id, null, field);
      return field;
    });
  }

  /** The key and type are fixed once created: stored values depend on them. */
  async function updateCustomField(actor: Actor, id: number, body: Partial<Omit<CustomFieldBody, 'key' | 'fieldType'>>): Promise<CustomField> {
    return inTransaction(db, async (tx) => {
      const current = await tx.selectFrom('customFields').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw new NotFoundError(`There is no custom field ${id}.`);
      if (body.options !== undefined) assertOptions(current.fieldType, body.options);
      const row = await tx
        .updateTable('customFields')
        .set({
          ...(body.label !== undefined ? { label: body.label } : {}),
          ...(body.options !== undefined ? { options: JSON.stringify(body.options) } : {}),
          ...(body.requiredFromStatus !== undefined ? { requiredFromStatus: body.requiredFromStatus } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
          ...(body.isActive !== undefined ? { isActive: body.isActive } : {}),
          updatedAt: nowIso(clock),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const field = toCustomField(row);
      await audit(tx, actor, 'custom_field.updated', 'custom_field', id, toCustomField(current), field);
      return field;
    });
  }

  return {
    priorityMatrix,
    setPriorityMatrix,
    listCategories,
    createCategory,
    updateCategory,
    listCustomFields,
    createCustomField,
    updateCustomField,
    deskSettings,
    defaultTeamId,
    updateDeskSettings,
  };
}

export type DeskSettingsService = ReturnType<typeof createDeskSettingsService>;
