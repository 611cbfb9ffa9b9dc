import { sql } from 'kysely';
import { isPostgres, timestampType, type MigrationDb } from './helpers.js';

/**
 * "Breaching in the next hour": each ticket carries the due time of its running SLA clock that comes due first
 * (`sla_due_at`), so the desk can sort and filter by it through an index range instead of joining every ticket's
 * clocks. A ticket with no running clock holds the far-future sentinel, which sorts last on both databases (NULL
 * would sort first on SQLite and last on PostgreSQL, and would break the keyset cursor).
 */
const noRunningClock = '9999-12-31T23:59:59.999Z';

export async function up(db: MigrationDb): Promise<void> {
  const sentinel = isPostgres(db) ? sql`'9999-12-31T23:59:59.999Z'::timestamptz` : sql.lit(noRunningClock);
  await db.schema
    .alterTable('tickets')
    .addColumn('sla_due_at', timestampType(db), (c) => c.notNull().defaultTo(sentinel))
    .execute();
  await sql`update tickets set sla_due_at = (
      select min(sla_clocks.due_at) from sla_clocks
      where sla_clocks.ticket_id = tickets.id and sla_clocks.state = 'running' and sla_clocks.due_at is not null)
    where exists (
      select 1 from sla_clocks
      where sla_clocks.ticket_id = tickets.id and sla_clocks.state = 'running' and sla_clocks.due_at is not null)`.execute(db);
  // The same shapes as the other sorts: everything, one team's queue, one agent's tickets.
  await db.schema.createIndex('tickets_sla_due_idx').on('tickets').columns(['sla_due_at', 'id']).execute();
  await db.schema.createIndex('tickets_team_sla_due_idx').on('tickets').columns(['team_id', 'sla_due_at', 'id']).execute();
  await db.schema.createIndex('tickets_assignee_sla_due_idx').on('tickets').columns(['assignee_id', 'sla_due_at', 'id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('tickets_assignee_sla_due_idx').execute();
  await db.schema.dropIndex('tickets_team_sla_due_idx').execute();
  await db.schema.dropIndex('tickets_sla_due_idx').execute();
  await db.schema.alterTable('tickets').dropColumn('sla_due_at').execute();
}
