import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { SnakeCaseSqliteQueryCompiler } from './naming.js';

/**
 * Kysely's SQLite dialect, reworked for a server with many requests in flight:
 *
 * - One writer connection, held by one transaction at a time (SQLite has a single writer), and one reader
 *   connection for every SELECT outside a transaction. Under WAL the reader sees each committed transaction and
 *   never an open one, so a request's reads (its session, the page it shows) no longer queue behind another
 *   request's write transaction: they run while it is open, and the writes that follow can share its next
 *   commit (see group-commit.ts).
 * - Prepared statements are reused by SQL text. Kysely prepares every query it runs, and compiling the SQL cost
 *   as much as running it on the write path. Reuse is safe because better-sqlite3 runs a statement to the end
 *   inside `all`/`run`; only streaming keeps one busy, so it always gets a fresh one.
 * - better-sqlite3 refuses JavaScript booleans as parameters; SQLite stores them as 0/1 anyway, so they are
 *   converted here and every query can pass `true`/`false` on both databases.
 *
 * A database in memory has no second connection to read from: there the reader is the writer, and reads wait for
 * the writer like writes do.
 */
export function sqliteDialect(writer: SqliteDatabase.Database, reader: SqliteReader | null): Dialect {
  return {
    createDriver: () => new SplitSqliteDriver(new StatementRunner(writer), reader),
    createQueryCompiler: () => new SnakeCaseSqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => new SqliteIntrospector(db),
  };
}

/** Distinct SQL texts whose prepared statements are kept per connection (`in (…)` lists vary in text). */
const statementCacheSize = 1_000;

class StatementRunner {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  constructor(readonly sqlite: SqliteDatabase.Database) {}

  private prepared(source: string): SqliteDatabase.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.sqlite.prepare(source);
      if (this.statements.size >= statementCacheSize) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(source, statement);
    }
    return statement;
  }

  run<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.prepared(query.sql);
    const parameters = sqliteParameters(query.parameters);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  *stream<R>(query: CompiledQuery): Generator<QueryResult<R>> {
    for (const row of this.sqlite.prepare(query.sql).iterate(sqliteParameters(query.parameters))) yield { rows: [row as R] };
  }

  clear(): void {
    this.statements.clear();
  }
}

export function sqliteParameters(parameters: readonly unknown[]): unknown[] {
  return parameters.map((p) => (p === true ? 1 : p === false ? 0 : p));
}

/**
 * The read connection, which can be closed for a while and opened again: a bulk load that leaves WAL for its
 * duration needs the writer to be the database's only connection. While it is closed, reads go to the writer.
 */
export class SqliteReader {
  private runner: StatementRunner | null;
  constructor(private readonly open: () => SqliteDatabase.Database) {
    this.runner = new StatementRunner(open());
  }

  get current(): StatementRunner | null {
    return this.runner;
  }

  close(): void {
    this.runner?.clear();
    this.runner?.sqlite.close();
    this.runner = null;
  }

  reopen(): void {
    this.runner ??= new StatementRunner(this.open());
  }
}

/** Waiters for the writer, first come first served. */
class WriterLock {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  async acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

class SplitSqliteDriver implements Driver {
  readonly lock = new WriterLock();
  constructor(
    readonly writer: StatementRunner,
    private readonly readerSlot: SqliteReader | null,
  ) {}

  get reader(): StatementRunner | null {
    return this.readerSlot?.current ?? null;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqliteLease(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as SqliteLease;
    await this.lock.acquire();
    lease.holdsWriter = true;
    try {
      this.writer.run(CompiledQuery.raw('begin'));
    } catch (error) {
      lease.letGo();
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed commit leaves the transaction open; Kysely then rolls back, which lets the writer go.
    this.writer.run(CompiledQuery.raw('commit'));
    (connection as SqliteLease).letGo();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      if (this.writer.sqlite.inTransaction) this.writer.run(CompiledQuery.raw('rollback'));
    } finally {
      (connection as SqliteLease).letGo();
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteLease).letGo();
  }

  async destroy(): Promise<void> {
    this.writer.clear();
    this.readerSlot?.close();
    this.writer.sqlite.close();
  }
}

/**
 * A query that cannot write: a built SELECT, or raw SQL (search, reports) that is a SELECT or a WITH … SELECT with
 * no data-changing keyword anywhere in it. Anything unsure goes to the writer, which can run everything.
 */
export function readsOnly(query: CompiledQuery): boolean {
  if (SelectQueryNode.is(query.query)) return true;
  return query.query.kind === 'RawNode' && /^\s*(select|with)\b/i.test(query.sql) && !/\b(insert|update|delete|replace|pragma)\b/i.test(query.sql);
}

/** What Kysely holds while it runs a query or a transaction: it takes the writer only when it needs it. */
class SqliteLease implements DatabaseConnection {
  holdsWriter = false;
  constructor(private readonly driver: SplitSqliteDriver) {}

  letGo(): void {
    if (!this.holdsWriter) return;
    this.holdsWriter = false;
    this.driver.lock.release();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, reader, lock } = this.driver;
    if (this.holdsWriter) return writer.run<R>(query);
    if (reader && readsOnly(query)) return reader.run<R>(query);
    await lock.acquire();
    try {
      return writer.run<R>(query);
    } finally {
      lock.release();
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams select queries only');
    const { writer, reader, lock } = this.driver;
    if (this.holdsWriter) yield* writer.stream<R>(query);
    else if (reader) yield* reader.stream<R>(query);
    else {
      await lock.acquire();
      try {
        yield* writer.stream<R>(query);
      } finally {
        lock.release();
      }
    }
  }
}
