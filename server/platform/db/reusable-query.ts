import type { CompiledQuery, Compilable, QueryResult } from 'kysely';
import type { Database as Schema } from './schema.js';
import type { Executor } from './database.js';

/** Stands for one named value while a reusable query is built; replaced by the caller's value at each run. */
class Slot {
  constructor(readonly name: string) {}
}

type Slots<P> = { readonly [K in keyof P]: P[K] };

/** Distinct shapes kept per query (a bound: shapes made from data could otherwise grow without end). */
const maxShapes = 64;

/**
 * Queries built and compiled by Kysely once per shape and database dialect, then run again with new values.
 *
 * Building a query (its frozen operation tree, parsed references, the compile walk) costs more than SQLite takes to
 * run most of ours: on the hot write paths three search-index upserts cost ~0.6 ms per created ticket to build and
 * ~0.1 ms to run. A query whose SQL text is the same on every call, only its values changing, is built here with a
 * stand-in for each value; later calls swap the stand-ins for the caller's values and skip Kysely's building.
 *
 * `build` must use the values only as values (`where(col, '=', p.id)`, `values({ … })`, `sql.val`), never decide
 * the shape of the query by them (`if`, list lengths): it runs once per `shape`, which names everything else the SQL
 * depends on (a column list, a number of rows).
 */
export function reusableQueryByShape<P extends Record<string, unknown>, R, S extends string = string>(build: (db: Executor, values: Slots<P>, shape: S) => Compilable<R>) {
  const compiled = new Map<unknown, Map<string, CompiledQuery<R>>>();
  const compiledFor = (db: Executor, shape: S): CompiledQuery<R> => {
    // The SQL depends on the dialect's compiler: one compile per kind of database (tests open both).
    const dialectKey = db.getExecutor().adapter.constructor;
    let shapes = compiled.get(dialectKey);
    if (!shapes) compiled.set(dialectKey, (shapes = new Map()));
    let query = shapes.get(shape);
    if (!query) {
      const slots = new Proxy({} as Slots<P>, { get: (_target, name) => new Slot(String(name)) });
      query = build(db, slots, shape).compile();
      if (shapes.size >= maxShapes) shapes.clear();
      shapes.set(shape, query);
    }
    return query;
  };
  return {
    /** Runs the query of this shape with these values. */
    run(db: Executor, shape: S, values: P): Promise<QueryResult<R>> {
      const query = compiledFor(db, shape);
      const parameters = query.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.name] : parameter));
      return db.executeQuery<R>({ ...query, parameters });
    },
  };
}

/** A query of one shape (see reusableQueryByShape). */
export function reusableQuery<P extends Record<string, unknown>, R>(build: (db: Executor, values: Slots<P>) => Compilable<R>) {
  const query = reusableQueryByShape<P, R>((db, values) => build(db, values));
  return {
    run: (db: Executor, values: P): Promise<QueryResult<R>> => query.run(db, '', values),
  };
}

type TableName = keyof Schema & string;

/** The columns a row gives a value for, in its key order (Kysely leaves out undefined values too). */
function definedColumns(row: Record<string, unknown>): string[] {
  const columns: string[] = [];
  for (const column in row) if (row[column] !== undefined) columns.push(column);
  return columns;
}

/**
 * Row inserts into `table`, compiled once per column list and number of rows, returning every column of the rows
 * (in no promised order) when `returning` says so; `skipConflictOn` names a unique column whose existing rows are
 * kept (the new row is skipped). Values must be plain (strings, numbers, booleans, null):
 * an expression would change the SQL, so a row holding one is inserted through Kysely as usual.
 */
export function reusableInsert<T extends TableName>(table: T, returning: 'all' | 'none', options: { skipConflictOn?: string } = {}) {
  const query = reusableQueryByShape<Record<string, unknown>, unknown>((db, values, shape) => {
    const [rowCount, columnList] = shape.split('|') as [string, string];
    const columns = columnList.split(',');
    const rows = Array.from({ length: Number(rowCount) }, (_, row) => Object.fromEntries(columns.map((column) => [column, values[`${row}.${column}`]])));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the rows are the caller's, typed at its call
    let insert = db.insertInto(table).values(rows as any);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a column of the caller's table
    if (options.skipConflictOn) insert = insert.onConflict((oc) => oc.column(options.skipConflictOn as any).doNothing());
    return returning === 'all' ? insert.returningAll() : insert;
  });
  return async <Row>(db: Executor, rows: readonly Record<string, unknown>[]): Promise<Row[]> => {
    if (rows.length === 0) return [];
    const columns = definedColumns(rows[0]!);
    const values: Record<string, unknown> = {};
    let reusable = true;
    for (let index = 0; index < rows.length && reusable; index++) {
      const row = rows[index]!;
      // Every row must have the first row's columns, and plain values only.
      if (index > 0 && definedColumns(row).join(',') !== columns.join(',')) reusable = false;
      for (const column of columns) {
        const value = row[column];
        if (value !== null && typeof value === 'object') reusable = false;
        values[`${index}.${column}`] = value;
      }
    }
    if (!reusable) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      let insert = db.insertInto(table).values(rows as any);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      if (options.skipConflictOn) insert = insert.onConflict((oc) => oc.column(options.skipConflictOn as any).doNothing());
      return (returning === 'all' ? await insert.returningAll().execute() : (await insert.execute(), [])) as Row[];
    }
    return (await query.run(db, `${rows.length}|${columns.join(',')}`, values)).rows as Row[];
  };
}

/** For an `in (…)` list in a reusable query: the stand-ins of `count` values named `prefix0`, `prefix1`, … */
export function slotList<T>(values: Readonly<Record<string, T>>, prefix: string, count: number): T[] {
  return Array.from({ length: count }, (_, index) => values[`${prefix}${index}`]!);
}

/** The values of such a list, by the same names; run the query with `String(items.length)` as its shape. */
export function listValues<T>(prefix: string, items: readonly T[]): Record<string, T> {
  const values: Record<string, T> = {};
  items.forEach((item, index) => (values[`${prefix}${index}`] = item));
  return values;
}
