import type { Db, Executor } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { DomainEvent, EventHandler, TransactionalEventHandler } from './event-bus.js';

interface TransactionalSubscriber {
  db: Db;
  handler: TransactionalEventHandler;
}

/** Subscriber bookkeeping shared by the bus implementations; a failing handler never stops the others. */
export function createLocalDispatch(onHandlerError: (error: unknown, event: DomainEvent) => void) {
  const handlers = new Map<string, Set<EventHandler>>();
  const transactional = new Map<string, Set<TransactionalSubscriber>>();
  // Events whose in-transaction subscribers already ran in the publisher's transaction (by identity).
  const staged = new WeakSet<DomainEvent>();

  function add<T>(map: Map<string, Set<T>>, type: string, item: T): () => void {
    const set = map.get(type) ?? new Set<T>();
    set.add(item);
    map.set(type, set);
    return () => set.delete(item);
  }

  const transactionalFor = (type: string) => [...(transactional.get(type) ?? []), ...(transactional.get('*') ?? [])];

  return {
    subscribe(type: string, handler: EventHandler): () => void {
      return add(handlers, type, handler);
    },
    subscribeInTransaction(type: string, db: Db, handler: TransactionalEventHandler): () => void {
      return add(transactional, type, { db, handler });
    },
    /** In the publisher's transaction, one after another (one connection): an error propagates and rolls back. */
    async stage(tx: Executor, events: readonly DomainEvent[]): Promise<void> {
      for (const event of events) {
        for (const subscriber of transactionalFor(event.type)) await subscriber.handler(tx, event, events);
        staged.add(event);
      }
    },
    /**
     * Delivers an event of this instance: in-transaction subscribers first (each in its own transaction unless
     * the event was staged), then the others. `fromAnotherInstance` skips the former: the publisher ran them.
     */
    async dispatch(event: DomainEvent, fromAnotherInstance = false): Promise<void> {
      if (!fromAnotherInstance && !staged.has(event)) {
        for (const subscriber of transactionalFor(event.type)) {
          try {
            await inTransaction(subscriber.db, (tx) => subscriber.handler(tx, event, [event]));
          } catch (error) {
            onHandlerError(error, event);
          }
        }
      }
      const targets = [...(handlers.get(event.type) ?? []), ...(handlers.get('*') ?? [])];
      await Promise.all(
        targets.map(async (handler) => {
          try {
            await handler(event);
          } catch (error) {
            onHandlerError(error, event);
          }
        }),
      );
    },
  };
}
