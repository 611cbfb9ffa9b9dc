import { booleanType, falseDefault, idType, jsonType, timestampType, trueDefault, withId, type MigrationDb } from './helpers.js';

/** People, organisations, teams, roles, sessions, tokens and the audit log. */
export async function up(db: MigrationDb): Promise<void> {
  const id = idType(db);
  const at = timestampType(db);
  const json = jsonType(db);
  const flag = booleanType(db);

  await withId(db, db.schema.createTable('organizations'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('members_see_each_other', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organization_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', id, (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('organization_domains_organization_idx').on('organization_domains').column('organization_id').execute();

  await withId(db, db.schema.createTable('roles'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_built_in', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('permissions', json, (c) => c.notNull())
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role_id', id, (c) => c.notNull().references('roles.id'))
    .addColumn('organization_id', id, (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('phone', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('is_active', flag, (c) => c.notNull().defaultTo(trueDefault(db)))
    .addColumn('is_service_account', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('password_hash', 'text')
    .addColumn('skills', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('capacity', 'integer')
    .addColumn('availability', 'text', (c) => c.notNull().defaultTo('offline'))
    .addColumn('last_sign_in_at', at)
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_role_idx').on('users').column('role_id').execute();
  await db.schema.createIndex('users_organization_idx').on('users').column('organization_id').execute();
  await db.schema.createIndex('users_phone_idx').on('users').column('phone').execute();

  await withId(db, db.schema.createTable('user_emails'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('is_primary', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .execute();
  await db.schema.createIndex('user_emails_user_idx').on('user_emails').column('user_id').execute();

  await withId(db, db.schema.createTable('teams'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tier', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_active', flag, (c) => c.notNull().defaultTo(trueDefault(db)))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', id, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_lead', flag, (c) => c.notNull().defaultTo(falseDefault(db)))
    .addColumn('created_at', at, (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user_idx').on('team_members').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('last_seen_at', at, (c) => c.notNull())
    .addColumn('expires_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('expires_at', at)
    .addColumn('last_used_at', at)
    .addColumn('revoked_at', at)
    .addColumn('created_by_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await withId(db, db.schema.createTable('auth_tokens'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', at, (c) => c.notNull())
    .addColumn('used_at', at)
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_tokens_user_idx').on('auth_tokens').column('user_id').execute();

  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failure_at', at, (c) => c.notNull())
    .addColumn('blocked_until', at, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('audit_events'))
    .addColumn('actor_id', id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', json)
    .addColumn('after', json)
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_created_idx').on('audit_events').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('audit_events_entity_idx').on('audit_events').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').column('actor_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'audit_events',
    'sign_in_throttles',
    'auth_tokens',
    'api_tokens',
    'sessions',
    'team_members',
    'teams',
    'user_emails',
    'users',
    'roles',
    'organization_domains',
    'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
