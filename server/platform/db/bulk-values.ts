import { CompiledQuery } from 'kysely';
import type { Dialect } from './database.js';

/**
 * A `values (…), (…)` list written as SQL text with its parameters, for statements that carry hundreds of rows
 * (bulk clock updates, due times). Built through Kysely, each value becomes a frozen node that its plugins walk and
 * its compiler visits again, which cost more than running the statement; here it is one string and one array.
 *
 * `types` are the PostgreSQL types of the columns: a bare parameter in VALUES has no type there, so each is cast.
 * SQLite needs none.
 */
export function valuesList(dialect: Dialect, types: readonly string[], rows: ReadonlyArray<readonly unknown[]>): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (const [index, value] of row.entries()) {
      parameters.push(value);
      cells.push(dialect === 'postgres' ? `cast($${parameters.length} as ${types[index]})` : '?');
    }
    tuples.push(`(${cells.join(', ')})`);
  }
  return { sql: `values ${tuples.join(', ')}`, parameters };
}

/** A statement of raw text around a `valuesList`, ready for `db.executeQuery`. */
export function withValues(before: string, values: { sql: string; parameters: unknown[] }, after: string): CompiledQuery {
  return CompiledQuery.raw(`${before} ${values.sql} ${after}`, values.parameters);
}
