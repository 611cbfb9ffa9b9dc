import type { DomainEvent, EventHandler } from './event-bus.js';

/** Subscriber bookkeeping shared by the bus implementations; a failing handler never stops the others. */
export function createLocalDispatch(onHandlerError: (error: unknown, event: DomainEvent) => void) {
  const handlers = new Map<string, Set<EventHandler>>();
  return {
    subscribe(type: string, handler: EventHandler): () => void {
      const set = handlers.get(type) ?? new Set<EventHandler>();
      set.add(handler);
      handlers.set(type, set);
      return () => set.delete(handler);
    },
    async dispatch(event: DomainEvent): Promise<void> {
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
