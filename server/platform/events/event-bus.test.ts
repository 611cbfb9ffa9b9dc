import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import { startInstanceOn, type TestInstance } from '../../test/instances.js';
import type { DomainEvent } from './event-bus.js';
import type { PostgresEventBus } from './postgres-bus.js';

const event = (type: string, payload: unknown): DomainEvent => ({ type, occurredAt: '2026-11-23T09:00:00.000Z', actorId: null, payload });
const label = (e: DomainEvent) => (e.payload as { label: string }).label;

describe.each(testDatabases)('event bus of one instance on %s', (dialect) => {
  let database: TestDatabase;
  let instance: TestInstance;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    instance = await startInstanceOn(database);
    await instance.context.events.start();
  });
  afterEach(async () => {
    await instance.stop();
    await database.destroy();
  });

  it('delivers to subscribers of the type and of every type, even when another subscriber fails', async () => {
    const { events } = instance.context;
    const seen: string[] = [];
    events.subscribe('ticket.created', (e) => void seen.push(`typed ${label(e)}`));
    events.subscribe('ticket.created', () => {
      throw new Error('a broken subscriber');
    });
    events.subscribe('*', (e) => void seen.push(`all ${label(e)}`));
    const unsubscribe = events.subscribe('ticket.created', (e) => void seen.push(`gone ${label(e)}`));
    unsubscribe();

    await events.publish(event('ticket.created', { label: '1042' }));
    await events.publish(event('ticket.updated', { label: '1043' }));
    expect(seen.sort()).toEqual(['all 1042', 'all 1043', 'typed 1042']);
  });

  it('writes in-transaction reactions with the change when staged, rolls them back with it, and runs them once', async () => {
    const { events } = instance.context;
    const db = database.db;
    const written = async () => (await db.selectFrom('eventPayloads').select('body').orderBy('id').execute()).map((row) => row.body);
    events.subscribeInTransaction('ticket.created', db, async (tx, e) => {
      await tx.insertInto('eventPayloads').values({ body: label(e), createdAt: e.occurredAt }).execute();
    });
    const seen: string[] = [];
    events.subscribe('ticket.created', (e) => void seen.push(label(e)));

    const committed = event('ticket.created', { label: 'committed' });
    await db.transaction().execute((tx) => events.stage(tx, [committed]));
    await events.publish(committed);

    const rolledBack = event('ticket.created', { label: 'rolled back' });
    await expect(
      db.transaction().execute(async (tx) => {
        await events.stage(tx, [rolledBack]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    await events.publish(event('ticket.created', { label: 'not staged' }));
    expect(await written()).toEqual(['committed', 'not staged']);
    expect(seen).toEqual(['committed', 'not staged']);
  });

  it('shows each in-transaction reaction the whole change its event belongs to', async () => {
    const { events } = instance.context;
    const changes: string[][] = [];
    events.subscribeInTransaction('message.created', database.db, async (_tx, e, change) => {
      changes.push([label(e), ...change.map(label)]);
    });
    const created = event('ticket.created', { label: 'ticket' });
    const first = event('message.created', { label: 'first message' });
    await database.db.transaction().execute((tx) => events.stage(tx, [created, first]));
    await events.publish(event('message.created', { label: 'alone' }));
    expect(changes).toEqual([
      ['first message', 'ticket', 'first message'],
      ['alone', 'alone'],
    ]);
  });
});

describe.runIf(testDatabases.includes('postgres'))('event bus across two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let a: TestInstance;
  let b: TestInstance;
  const seenOn: Record<'a' | 'b', string[]> = { a: [], b: [] };

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    a = await startInstanceOn(database);
    b = await startInstanceOn(database);
    await Promise.all([a.context.events.start(), b.context.events.start()]);
    seenOn.a = [];
    seenOn.b = [];
    a.context.events.subscribe('*', (e) => void seenOn.a.push(label(e)));
    b.context.events.subscribe('*', (e) => void seenOn.b.push(label(e)));
  });
  afterEach(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await database.destroy();
  });

  it('reaches the subscribers of the other instance once, and its own subscribers once', async () => {
    // Ping-pong: each side answers only after it saw the last event, so by the end every notification
    // (including each instance's own, which it must skip) has been handled.
    await a.context.events.publish(event('ticket.created', { label: 'first from a' }));
    await vi.waitFor(() => expect(seenOn.b).toContain('first from a'));
    await b.context.events.publish(event('ticket.updated', { label: 'reply from b' }));
    await vi.waitFor(() => expect(seenOn.a).toContain('reply from b'));
    await a.context.events.publish(event('ticket.updated', { label: 'last from a' }));
    await vi.waitFor(() => expect(seenOn.b).toContain('last from a'));

    expect(seenOn.a).toEqual(['first from a', 'reply from b', 'last from a']);
    expect(seenOn.b).toEqual(['first from a', 'reply from b', 'last from a']);
  });

  it('carries an event far larger than a NOTIFY payload intact', async () => {
    const body = 'Ünïcode and a long message. '.repeat(1_000); // about 29 KB
    await a.context.events.publish(event('message.created', { label: 'large', body }));
    await vi.waitFor(() => expect(seenOn.b).toEqual(['large']));
    const stored = await database.db.selectFrom('eventPayloads').select('body').execute();
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]!.body)).toMatchObject({ type: 'message.created', payload: { body } });
  });

  it('reconnects its listener when the connection drops, and receives again', async () => {
    const bus = b.context.events as PostgresEventBus;
    const before = bus.listenerPid();
    expect(before).not.toBeNull();
    await sql`select pg_terminate_backend(${before})`.execute(database.db);
    await vi.waitFor(() => expect([null, before]).not.toContain(bus.listenerPid()), { timeout: 10_000 });

    await a.context.events.publish(event('ticket.created', { label: 'after reconnect' }));
    await vi.waitFor(() => expect(seenOn.b).toEqual(['after reconnect']));
  });
});
