import crypto from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { LiveEvent } from '../../../shared/schemas/ticket-extras.js';
import type { Clock } from '../../platform/clock.js';
import type { DomainEvent } from '../../platform/events/event-bus.js';
import { audienceOf, type Audience, type Viewer } from './events-stream.audience.js';
import { createPresenceTable, type PresenceEntry } from './events-stream.presence.js';

/** Proxies close idle connections after ~60 s; a comment every 15 s keeps the stream open. */
export const heartbeatMs = 15_000;
const presenceSweepMs = 5_000;
/** Recent events kept for a reconnecting client's Last-Event-ID (about a minute of a busy desk). */
const replayCapacity = 1_000;

interface Stream extends Viewer {
  response: ServerResponse;
}

interface Buffered {
  seq: number;
  audience: Audience;
}

function frame(id: string | undefined, type: string, data: unknown): string {
  return `${id ? `id: ${id}\n` : ''}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The open Server-Sent Event streams of this instance. Every domain event (from this instance or,
 * through the bus, from another) is turned into its audience once, then written to each stream whose
 * viewer is in it. Event ids are `<instance>:<sequence>`: a client that reconnects to the same
 * instance resumes from its buffer; anywhere else it gets `stream.reset` and reloads.
 */
export function createEventStreamHub(clock: Clock) {
  const instance = crypto.randomBytes(6).toString('hex');
  const streams = new Set<Stream>();
  const recent: Buffered[] = [];
  const presence = createPresenceTable();
  let sequence = 0;

  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.response.write(': heartbeat\n\n');
  }, heartbeatMs);
  heartbeat.unref();
  const sweeper = setInterval(() => sweepPresence(), presenceSweepMs);
  sweeper.unref();

  function send(stream: Stream, seq: number, audience: Audience): void {
    const live: LiveEvent | undefined = audience(stream);
    if (live) stream.response.write(frame(`${instance}:${seq}`, live.type, live));
  }

  function fanOut(audience: Audience): void {
    const seq = ++sequence;
    recent.push({ seq, audience });
    if (recent.length > replayCapacity) recent.shift();
    for (const stream of streams) send(stream, seq, audience);
  }

  function sweepPresence(): void {
    for (const entry of presence.sweep(clock.now())) deliver(presenceEvent(entry, clock.now().toISOString()));
  }

  function deliver(event: DomainEvent): void {
    if (event.type === 'presence.changed') {
      const payload = event.payload as PresenceEntry['facts'] & { presence?: PresenceEntry['presence'] };
      if (payload.presence) presence.record({ presence: payload.presence, facts: payload });
    }
    const audience = audienceOf(event);
    if (audience) fanOut(audience);
  }

  return {
    presence,
    deliver,
    sweepPresence,

    /** Starts a stream on a hijacked response; replays what the client missed when it can. */
    open(viewer: Viewer, response: ServerResponse, lastEventId: string | undefined): () => void {
      const stream: Stream = { ...viewer, response };
      // The client retries after 3 s if the connection drops.
      response.write('retry: 3000\n\n');
      if (lastEventId) {
        const [origin, seqText] = lastEventId.split(':');
        const after = Number(seqText);
        const oldest = recent[0]?.seq ?? sequence + 1;
        if (origin === instance && Number.isInteger(after) && after >= oldest - 1 && after <= sequence) {
          for (const buffered of recent) if (buffered.seq > after) send(stream, buffered.seq, buffered.audience);
        } else {
          response.write(frame(undefined, 'stream.reset', { type: 'stream.reset', occurredAt: clock.now().toISOString(), actorId: null }));
        }
      }
      response.write(frame(undefined, 'stream.ready', { type: 'stream.ready', occurredAt: clock.now().toISOString(), actorId: null }));
      streams.add(stream);
      return () => streams.delete(stream);
    },

    /** Ends every stream (server shutdown), so closing the server does not wait on them. */
    closeAll(): void {
      clearInterval(heartbeat);
      clearInterval(sweeper);
      for (const stream of streams) stream.response.end();
      streams.clear();
    },

    size: () => streams.size,
  };
}

export function presenceEvent(entry: PresenceEntry, at: string): DomainEvent {
  return { type: 'presence.changed', occurredAt: at, actorId: entry.presence.userId, payload: { ...entry.facts, presence: entry.presence } };
}

export type EventStreamHub = ReturnType<typeof createEventStreamHub>;
