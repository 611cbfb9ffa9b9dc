import type { DomainEvent, EventBus } from './event-bus.js';
import { createLocalDispatch } from './local-dispatch.js';

/** The bus for a single instance (SQLite): delivery inside this process only. */
export function createInProcessEventBus(onHandlerError: (error: unknown, event: DomainEvent) => void): EventBus {
  const local = createLocalDispatch(onHandlerError);
  return {
    publish: (event) => local.dispatch(event),
    subscribe: (type, handler) => local.subscribe(type, handler),
    subscribeInTransaction: (type, db, handler) => local.subscribeInTransaction(type, db, handler),
    stage: (tx, events) => local.stage(tx, events),
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}
