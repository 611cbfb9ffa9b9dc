import { booleanType, idType, jsonType, timestampType, trueDefault, withId, type MigrationDb } from './helpers.js';

/**
 * Service levels: business calendars, ordered SLA policies, one clock per ticket and metric, and the escalations
 * made by rule or by hand. The breach check reads `sla_clocks` through the `next_check_at` index only: one indexed
 * range scan per tick, however many tickets are open.
 */
export async function up(db: MigrationDb): Promise<void> {
  const id = idType(db);
  const at = timestampType(db);
  const json = jsonType(db);
  const flag = booleanType(db);

  await withId(db, db.schema.createTable('business_calendars'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('hours', json, (c) => c.notNull())
    .addColumn('holidays', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('sla_policies'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('is_active', flag, (c) => c.notNull().defaultTo(trueDefault(db)))
    .addColumn('conditions', json, (c) => c.notNull().defaultTo('{}'))
    .addColumn('targets', json, (c) => c.notNull())
    .addColumn('calendar_id', id, (c) => c.notNull().references('business_calendars.id').onDelete('restrict'))
    .addColumn('pausing_statuses', json, (c) => c.notNull().defaultTo('["pending","on_hold"]'))
    .addColumn('warning_percent', 'integer', (c) => c.notNull().defaultTo(75))
    .addColumn('escalations', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_policies_position_idx').on('sla_policies').columns(['position', 'id']).execute();

  await withId(db, db.schema.createTable('sla_clocks'))
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('policy_id', id, (c) => c.references('sla_policies.id').onDelete('set null'))
    .addColumn('calendar_id', id, (c) => c.notNull().references('business_calendars.id').onDelete('restrict'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('target_ms', 'bigint', (c) => c.notNull())
    .addColumn('warning_percent', 'integer', (c) => c.notNull())
    .addColumn('spent_ms', 'bigint', (c) => c.notNull())
    .addColumn('running_since', at)
    .addColumn('started_at', at, (c) => c.notNull())
    .addColumn('due_at', at)
    .addColumn('warn_at', at)
    .addColumn('next_check_at', at)
    .addColumn('warned_at', at)
    .addColumn('breached_at', at)
    .addColumn('met_at', at)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', at, (c) => c.notNull())
    .addUniqueConstraint('sla_clocks_ticket_metric_key', ['ticket_id', 'metric'])
    .execute();
  await db.schema.createIndex('sla_clocks_next_check_idx').on('sla_clocks').columns(['next_check_at']).execute();
  await db.schema.createIndex('sla_clocks_due_idx').on('sla_clocks').columns(['due_at', 'ticket_id']).execute();
  await db.schema.createIndex('sla_clocks_policy_idx').on('sla_clocks').columns(['policy_id', 'state']).execute();

  await withId(db, db.schema.createTable('sla_escalations'))
    .addColumn('ticket_id', id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('metric', 'text')
    .addColumn('trigger', 'text')
    .addColumn('actions', json, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_escalations_ticket_idx').on('sla_escalations').columns(['ticket_id', 'created_at']).execute();
  await db.schema.createIndex('sla_escalations_created_idx').on('sla_escalations').columns(['created_at']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('sla_escalations').execute();
  await db.schema.dropTable('sla_clocks').execute();
  await db.schema.dropTable('sla_policies').execute();
  await db.schema.dropTable('business_calendars').execute();
}
