/**
 * Column helpers for migrations. Like the migrations themselves, this file is frozen in time:
 * change it only by adding new helpers, never by changing what an existing one produces.
 */
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

// Migrations are written against an untyped database on purpose: they must not change when the app's types do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

export function isPostgres(db: MigrationDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Integer primary key that is never reused (SQLite AUTOINCREMENT / PostgreSQL identity). */
export function withId<T extends string>(db: MigrationDb, table: CreateTableBuilder<T>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Integer foreign key column type: bigint on PostgreSQL to match identity keys. */
export function idType(db: MigrationDb): 'bigint' | 'integer' {
  return isPostgres(db) ? 'bigint' : 'integer';
}

/** Instants: timestamptz on PostgreSQL, ISO-8601 UTC text on SQLite (sorts correctly as text). */
export function timestampType(db: MigrationDb): 'timestamptz' | 'text' {
  return isPostgres(db) ? 'timestamptz' : 'text';
}

/** JSON documents: jsonb on PostgreSQL, text on SQLite. */
export function jsonType(db: MigrationDb): 'jsonb' | 'text' {
  return isPostgres(db) ? 'jsonb' : 'text';
}

/** Flags: boolean on PostgreSQL, 0/1 integer on SQLite. */
export function booleanType(db: MigrationDb): 'boolean' | 'integer' {
  return isPostgres(db) ? 'boolean' : 'integer';
}

export function falseDefault(db: MigrationDb) {
  return isPostgres(db) ? sql`false` : sql`0`;
}

export function trueDefault(db: MigrationDb) {
  return isPostgres(db) ? sql`true` : sql`1`;
}

export type ColumnBuilder = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
