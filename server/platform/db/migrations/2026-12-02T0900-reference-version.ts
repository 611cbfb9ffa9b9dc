import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from './helpers.js';

/**
 * A version for reference data (see platform/db/reference-cache.ts): any write to these tables sets the
 * `reference_version` row of `sequences` to a new random number, so a process may keep a copy of them for as long as
 * the number it read them under is still the one stored.
 */
const referenceTables = ['settings', 'sla_policies', 'business_calendars', 'custom_fields', 'teams', 'team_members', 'mailboxes', 'mail_templates'];

export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`insert into sequences (name, value) values ('reference_version', floor(random() * 9007199254740991)::bigint)`.execute(db);
    await sql`create function bump_reference_version() returns trigger language plpgsql as $$
      begin
        update sequences set value = floor(random() * 9007199254740991)::bigint where name = 'reference_version';
        return null;
      end $$`.execute(db);
    for (const table of referenceTables) {
      await sql
        .raw(`create trigger ${table}_reference_version after insert or update or delete or truncate on ${table} for each statement execute function bump_reference_version()`)
        .execute(db);
    }
    return;
  }
  await sql`insert into sequences (name, value) values ('reference_version', abs(random()))`.execute(db);
  for (const table of referenceTables) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql
        .raw(`create trigger ${table}_reference_version_${event} after ${event} on ${table} begin update sequences set value = abs(random()) where name = 'reference_version'; end`)
        .execute(db);
    }
  }
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    for (const table of referenceTables) await sql.raw(`drop trigger ${table}_reference_version on ${table}`).execute(db);
    await sql`drop function bump_reference_version()`.execute(db);
  } else {
    for (const table of referenceTables) {
      for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_reference_version_${event}`).execute(db);
    }
  }
  await sql`delete from sequences where name = 'reference_version'`.execute(db);
}
