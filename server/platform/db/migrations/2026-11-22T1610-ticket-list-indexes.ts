import type { MigrationDb } from './helpers.js';

/**
 * The agent's queue sorted by last update: "my teams" and "assigned to me" without a status filter
 * read (team | assignee, updated_at, id) in order instead of sorting all of a team's tickets.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.createIndex('tickets_team_updated_idx').on('tickets').columns(['team_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('tickets_assignee_updated_idx').on('tickets').columns(['assignee_id', 'updated_at', 'id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('tickets_assignee_updated_idx').execute();
  await db.schema.dropIndex('tickets_team_updated_idx').execute();
}
