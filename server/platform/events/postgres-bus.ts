import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { DomainEvent, EventBus } from './event-bus.js';
import { createLocalDispatch } from './local-dispatch.js';
import { createPostgresListener } from './postgres-listener.js';

/**
 * What travels on the channel: the sender (so it can skip its own event, already delivered locally)
 * and either the event itself or the id of the row holding it.
 */
interface Envelope {
  origin: string;
  event?: DomainEvent;
  storedId?: number;
}

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay well under, leaving room for the envelope. */
export const maxInlinePayloadBytes = 7_000;
/** Stored payloads are read within moments of the notification; after this they only take space. */
const keepStoredPayloadsMs = 3_600_000;

export interface PostgresEventBusOptions {
  database: Database;
  clock: Clock;
  onHandlerError(error: unknown, event: DomainEvent): void;
  /** Problems of the transport itself (lost connection, a failed NOTIFY). */
  onError(error: unknown, message: string): void;
}

export interface PostgresEventBus extends EventBus {
  /** Backend pid of the LISTEN connection, null while (re)connecting. */
  listenerPid(): number | null;
}

/**
 * Notifications are database-wide, so the channel carries the schema name: instances (and test files)
 * on other schemas of the same database never see each other's events.
 */
export function channelFor(schema: string | undefined): string {
  return (schema ? `linchpin_events_${schema}` : 'linchpin_events').toLowerCase().slice(0, 63);
}

/**
 * The bus for several instances on one PostgreSQL: an event is delivered to this instance's subscribers
 * directly and NOTIFYed to the others, which deliver it to theirs. At-most-once across instances (an
 * instance that is disconnected at that moment misses it); durable work belongs in the job queue.
 */
export function createPostgresEventBus(options: PostgresEventBusOptions): PostgresEventBus {
  const { database } = options;
  if (database.dialect !== 'postgres' || !database.postgresUrl) throw new Error('The PostgreSQL event bus needs a PostgreSQL database.');
  const origin = crypto.randomUUID();
  const channel = channelFor(database.postgresSchema);
  const local = createLocalDispatch(options.onHandlerError);
  // Notifications are handled one after another so subscribers see events in the order they were sent.
  let receiving: Promise<void> = Promise.resolve();

  const listener = createPostgresListener({
    connectionString: database.postgresUrl,
    channel,
    onError: options.onError,
    onNotification(payload) {
      receiving = receiving.then(() => receive(payload)).catch((error: unknown) => options.onError(error, 'could not deliver an event from another instance'));
    },
  });

  async function receive(payload: string): Promise<void> {
    const envelope = JSON.parse(payload) as Envelope;
    if (envelope.origin === origin) return;
    const event = envelope.event ?? (envelope.storedId === undefined ? undefined : await loadStored(envelope.storedId));
    // Its in-transaction subscribers ran where it was published, in the transaction that committed it.
    if (event) await local.dispatch(event, true);
  }

  async function loadStored(id: number): Promise<DomainEvent | undefined> {
    const row = await database.db.selectFrom('eventPayloads').select('body').where('id', '=', id).executeTakeFirst();
    if (!row) {
      options.onError(new Error(`stored event ${id} is gone`), 'an event from another instance expired before it was read');
      return undefined;
    }
    return JSON.parse(row.body) as DomainEvent;
  }

  async function notify(event: DomainEvent): Promise<void> {
    const inline = JSON.stringify({ origin, event } satisfies Envelope);
    let payload = inline;
    if (Buffer.byteLength(inline, 'utf8') > maxInlinePayloadBytes) {
      const now = options.clock.now();
      const stored = await database.db
        .insertInto('eventPayloads')
        .values({ body: JSON.stringify(event), createdAt: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      payload = JSON.stringify({ origin, storedId: stored.id } satisfies Envelope);
      await database.db
        .deleteFrom('eventPayloads')
        .where('createdAt', '<', new Date(now.getTime() - keepStoredPayloadsMs).toISOString())
        .execute();
    }
    await sql`select pg_notify(${channel}, ${payload})`.execute(database.db);
  }

  return {
    async publish(event) {
      await Promise.all([
        local.dispatch(event),
        // Publishing happens after commit: a failed fan-out is reported, not thrown back at a caller whose change is saved.
        notify(event).catch((error: unknown) => options.onError(error, `could not send event ${event.type} to other instances`)),
      ]);
    },
    subscribe: (type, handler) => local.subscribe(type, handler),
    subscribeInTransaction: (type, db, handler) => local.subscribeInTransaction(type, db, handler),
    stage: (tx, events) => local.stage(tx, events),
    start: () => listener.start(),
    async stop() {
      await listener.stop();
      await receiving;
    },
    listenerPid: () => listener.backendPid(),
  };
}
