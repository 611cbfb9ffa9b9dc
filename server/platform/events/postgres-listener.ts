import type pg from 'pg';
import { loadPostgresLibrary } from '../db/database.js';

export interface PostgresListenerOptions {
  connectionString: string;
  channel: string;
  onNotification(payload: string): void;
  onError(error: unknown, message: string): void;
  /** First wait before reconnecting; doubles up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

export interface PostgresListener {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Backend process id of the live LISTEN connection (null while reconnecting). */
  backendPid(): number | null;
}

/** Quotes a channel name as an SQL identifier (LISTEN takes no parameters). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * One dedicated connection that LISTENs on a channel. Pool connections cannot do this: the pool
 * hands them to other queries and would drop the subscription. When the connection drops (a
 * PostgreSQL restart, a failover, an idle cut by a proxy) it reconnects with growing pauses.
 * Notifications sent while disconnected are lost: NOTIFY is not a durable queue.
 */
export function createPostgresListener(options: PostgresListenerOptions): PostgresListener {
  const initialDelay = options.reconnectDelayMs ?? 100;
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  let client: pg.Client | undefined;
  let pid: number | null = null;
  let stopped = true;
  let delay = initialDelay;
  let retryTimer: NodeJS.Timeout | undefined;
  let connecting: Promise<void> | undefined;

  function lost(lostClient: pg.Client, error?: unknown): void {
    if (client !== lostClient) return;
    client = undefined;
    pid = null;
    lostClient.removeAllListeners('notification');
    void lostClient.end().catch(() => undefined);
    if (stopped) return;
    options.onError(error ?? new Error('connection ended'), 'event listener lost its PostgreSQL connection; reconnecting');
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
    retryTimer.unref();
    delay = Math.min(delay * 2, maxDelay);
  }

  function connect(): Promise<void> {
    connecting ??= (async () => {
      const { Client } = await loadPostgresLibrary();
      const candidate = new Client({ connectionString: options.connectionString, options: '-c TimeZone=UTC' });
      candidate.on('error', (error) => lost(candidate, error));
      candidate.on('end', () => lost(candidate));
      candidate.on('notification', (message) => {
        if (message.channel === options.channel && message.payload !== undefined) options.onNotification(message.payload);
      });
      try {
        await candidate.connect();
        await candidate.query(`LISTEN ${quoteIdentifier(options.channel)}`);
        const result = await candidate.query<{ pid: number }>('select pg_backend_pid() as pid');
        if (stopped) {
          await candidate.end().catch(() => undefined);
          return;
        }
        client = candidate;
        pid = result.rows[0]?.pid ?? null;
        delay = initialDelay;
      } catch (error) {
        candidate.removeAllListeners('notification');
        await candidate.end().catch(() => undefined);
        if (!stopped) {
          options.onError(error, 'event listener cannot connect to PostgreSQL; retrying');
          scheduleReconnect();
        }
      }
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    async start() {
      if (!stopped) return connecting;
      stopped = false;
      await connect();
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      await connecting;
      const current = client;
      client = undefined;
      pid = null;
      if (current) await current.end().catch(() => undefined);
    },
    backendPid: () => pid,
  };
}
