import type { ColumnType, Generated } from 'kysely';

/** ISO-8601 UTC instant, e.g. '2026-11-22T12:00:00.000Z' (text on SQLite, timestamptz on PostgreSQL). */
export type Instant = string;
/** Integer identity key: generated on insert. */
export type Id = Generated<number>;
/**
 * A flag: written as a boolean, read back as boolean (PostgreSQL) or 0/1 (SQLite).
 * Read it through `Boolean(…)` in presenters.
 */
export type Flag = ColumnType<boolean | number, boolean, boolean>;
/** A flag with a database default: optional on insert. */
export type DefaultedFlag = ColumnType<boolean | number, boolean | undefined, boolean>;
/** A JSON document: written as a JSON string, read as an object (PostgreSQL) or a string (SQLite). */
export type Json = ColumnType<unknown, string, string>;
/** A JSON document with a database default: optional on insert. */
export type DefaultedJson = ColumnType<unknown, string | undefined, string>;

/** Reads a Json column on either database. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
