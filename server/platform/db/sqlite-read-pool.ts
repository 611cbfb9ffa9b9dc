import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { SqliteAdapter, SqliteIntrospector, type CompiledQuery, type DatabaseConnection, type DatabaseIntrospector, type Dialect, type Driver, type Kysely, type QueryResult } from 'kysely';
import { SnakeCaseSqliteQueryCompiler } from './naming.js';
import { readsOnly, sqliteParameters } from './sqlite-driver.js';

/**
 * Read-only SQLite connections on worker threads, for the few queries that can take milliseconds of SQLite's own
 * CPU (full-text search at a million tickets: 5–40 ms). On the main connection such a query stops the event loop,
 * and every other request waits behind it; on a worker it runs beside them, and two of them run on two cores.
 *
 * A query pays ~50 µs to cross threads, so only the long ones come here (see `Database.heavyReads`). Workers start
 * on first use, so a desk that never searches holds none; the first then stays, with its caches warm, and the others
 * stop after a quiet minute. Each statement reads the last committed state, as on the main read connection (WAL).
 *
 * The worker's code is a string evaluated by Node, so the same source runs from TypeScript in tests and from the
 * build; it loads the same better-sqlite3 the server does.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const connection = new Sqlite(workerData.file, { readonly: true });
connection.pragma('busy_timeout = 5000');
connection.pragma('cache_size = -32000');
connection.pragma('temp_store = MEMORY');
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      if (statements.size >= 200) statements.delete(statements.keys().next().value);
      statements.set(sql, statement);
    }
    if (!statement.reader) throw Object.assign(new Error('A worker connection only reads.'), { code: 'SQLITE_READONLY' });
    parentPort.postMessage({ id, rows: statement.all(parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
}

interface ReadWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  idleTimer: NodeJS.Timeout | null;
}

export interface SqliteReadPoolOptions {
  /** Workers at most; the machine's cores by default (the main thread mostly waits while they search). */
  size?: number;
  /** A worker with nothing to do for this long stops, giving its memory back. */
  idleMs?: number;
}

export class SqliteReadPool {
  private readonly workers: ReadWorker[] = [];
  private readonly size: number;
  private readonly idleMs: number;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly file: string,
    options: SqliteReadPoolOptions = {},
  ) {
    this.size = Math.max(1, options.size ?? Math.min(4, os.availableParallelism()));
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** Every row of one read-only statement. */
  all(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new Error('The read pool is closed.'));
    const target = this.pick();
    const id = this.nextId++;
    if (target.idleTimer) clearTimeout(target.idleTimer);
    target.idleTimer = null;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ id, sql, parameters });
    });
  }

  /** Workers running now (tests, memory accounting). */
  get running(): number {
    return this.workers.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.splice(0).map((entry) => this.stop(entry)));
  }

  /** A worker with nothing in flight, a new one while there is room, or else the least busy. */
  private pick(): ReadWorker {
    const free = this.workers.find((entry) => entry.pending.size === 0);
    if (free) return free;
    if (this.workers.length < this.size) return this.start();
    return this.workers.reduce((least, entry) => (entry.pending.size < least.pending.size ? entry : least));
  }

  private start(): ReadWorker {
    const worker = new Worker(workerSource, { eval: true, workerData: { file: this.file, driver: driverPath } });
    const entry: ReadWorker = { worker, pending: new Map(), idleTimer: null };
    worker.on('message', (message: { id: number; rows?: unknown[]; error?: { message: string; code?: string } }) => {
      const waiting = entry.pending.get(message.id);
      if (!waiting) return;
      entry.pending.delete(message.id);
      if (message.error) waiting.reject(Object.assign(new Error(message.error.message), message.error.code ? { code: message.error.code } : {}));
      else waiting.resolve(message.rows!);
      if (entry.pending.size === 0) this.stopWhenIdle(entry);
    });
    worker.on('error', (error) => this.fail(entry, error));
    worker.on('exit', (code) => this.fail(entry, new Error(`A read worker stopped (exit code ${code}).`)));
    this.workers.push(entry);
    return entry;
  }

  private stopWhenIdle(entry: ReadWorker): void {
    // The first worker stays: a new one starts with empty caches, and its first search at a million tickets took
    // 88–145 ms against 3–30 ms warm.
    if (this.workers[0] === entry) return;
    entry.idleTimer = setTimeout(() => {
      if (entry.pending.size > 0) return;
      this.workers.splice(this.workers.indexOf(entry), 1);
      void this.stop(entry);
    }, this.idleMs);
    entry.idleTimer.unref();
  }

  /** A worker that died takes its queries with it: they fail, and the next query starts a new worker. */
  private fail(entry: ReadWorker, error: Error): void {
    const index = this.workers.indexOf(entry);
    if (index >= 0) this.workers.splice(index, 1);
    for (const waiting of entry.pending.values()) waiting.reject(error);
    entry.pending.clear();
  }

  private async stop(entry: ReadWorker): Promise<void> {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.worker.removeAllListeners('exit');
    await entry.worker.terminate();
  }
}

/** A Kysely dialect over the pool: reads only, no transactions (each statement sees the last commit). */
export function pooledReadDialect(pool: SqliteReadPool): Dialect {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      if (!readsOnly(query)) throw new Error('Only reads run on the read workers.');
      return { rows: (await pool.all(query.sql, sqliteParameters(query.parameters))) as R[] };
    },
    streamQuery() {
      throw new Error('The read workers do not stream.');
    },
  };
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      return connection;
    },
    beginTransaction() {
      throw new Error('The read workers do not run transactions.');
    },
    commitTransaction() {
      throw new Error('The read workers do not run transactions.');
    },
    rollbackTransaction() {
      throw new Error('The read workers do not run transactions.');
    },
    async releaseConnection() {},
    destroy: () => pool.close(),
  };
  return {
    createDriver: () => driver,
    createQueryCompiler: () => new SnakeCaseSqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => new SqliteIntrospector(db),
  };
}
