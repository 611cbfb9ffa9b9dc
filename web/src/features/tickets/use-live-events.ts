import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ticketKeys } from '../../api/tickets';

export interface LiveEvent {
  type: string;
  ticketId: number | null;
  actorId: number | null;
  payload: Record<string, unknown>;
}

const pollMs = 5000;
const namedEvents = ['ticket.created', 'ticket.updated', 'ticket.merged', 'message.created', 'ticket.deleted', 'presence.changed', 'stream.reset'];

/** Screens that want the events themselves (presence on a ticket page) listen here; one stream serves all. */
const subscribers = new Set<(event: LiveEvent) => void>();
export function subscribeToLiveEvents(listener: (event: LiveEvent) => void): () => void {
  subscribers.add(listener);
  return () => subscribers.delete(listener);
}

function parse(type: string, data: string): LiveEvent | null {
  try {
    const raw = JSON.parse(data) as Record<string, unknown>;
    const payload = (raw.payload && typeof raw.payload === 'object' ? raw.payload : raw) as Record<string, unknown>;
    const ticket = payload.ticket as { id?: number } | undefined;
    const presence = payload.presence as { ticketId?: number } | undefined;
    const ticketId = Number(payload.ticketId ?? ticket?.id ?? presence?.ticketId ?? raw.ticketId ?? NaN);
    return {
      type: String(raw.type ?? type),
      ticketId: Number.isFinite(ticketId) ? ticketId : null,
      actorId: typeof raw.actorId === 'number' ? raw.actorId : null,
      payload,
    };
  } catch {
    return null;
  }
}

/**
 * Keeps what is on screen current from the server's event stream: lists refresh, an open ticket
 * reloads in place. EventSource reconnects by itself after a drop; we only refetch on reconnect.
 */
export function useLiveEvents(onEvent?: (event: LiveEvent) => void): void {
  const client = useQueryClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events');
    let connectedBefore = false;
    const receive = (type: string) => (message: MessageEvent<string>) => {
      const event = parse(type, message.data);
      if (!event) return;
      for (const subscriber of subscribers) subscriber(event);
      // Someone opening a ticket changes no data: nothing to reload.
      if (event.type === 'presence.changed') return;
      if (event.type === 'stream.reset') {
        void client.invalidateQueries({ queryKey: ticketKeys.all });
        return;
      }
      void client.invalidateQueries({ queryKey: ['tickets', 'list'] });
      void client.invalidateQueries({ queryKey: ticketKeys.views });
      if (event.ticketId !== null) {
        void client.invalidateQueries({ queryKey: ticketKeys.detail(event.ticketId) });
        void client.invalidateQueries({ queryKey: ticketKeys.messages(event.ticketId) });
        void client.invalidateQueries({ queryKey: ticketKeys.history(event.ticketId) });
      }
      handler.current?.(event);
    };
    source.onmessage = receive('message');
    const listeners = namedEvents.map((name) => [name, receive(name)] as const);
    for (const [name, listener] of listeners) source.addEventListener(name, listener);
    // A server without the stream (or a proxy that blocks it) closes the connection for good; then the
    // screens keep current by asking every few seconds instead.
    let poll: ReturnType<typeof setInterval> | undefined;
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED || poll) return;
      poll = setInterval(() => void client.invalidateQueries({ queryKey: ticketKeys.all }), pollMs);
    };
    source.onopen = () => {
      if (connectedBefore) void client.invalidateQueries({ queryKey: ticketKeys.all });
      connectedBefore = true;
    };
    return () => {
      for (const [name, listener] of listeners) source.removeEventListener(name, listener);
      source.close();
      if (poll) clearInterval(poll);
    };
  }, [client]);
}
