import type { Presence } from '../../../shared/schemas/ticket-extras.js';

/** "Dana is replying" lasts this long unless the browser renews it (every ~10 s while it holds). */
export const presenceTtlMs = 30_000;

/** A presence and the visibility facts of its ticket (who may hear about it). */
export interface PresenceEntry {
  presence: Presence;
  facts: Record<string, unknown>;
}

/**
 * Who is on which ticket, per instance. Every instance hears every presence event through the bus,
 * so each keeps the same table and expires entries by itself, with no traffic for expiry.
 */
export function createPresenceTable() {
  const entries = new Map<string, PresenceEntry>();
  const key = (presence: Presence) => `${presence.ticketId}:${presence.userId}`;

  return {
    record(entry: PresenceEntry): void {
      if (entry.presence.state === 'left') entries.delete(key(entry.presence));
      else entries.set(key(entry.presence), entry);
    },
    onTicket(ticketId: number, now: Date): Presence[] {
      return [...entries.values()]
        .map((entry) => entry.presence)
        .filter((p) => p.ticketId === ticketId && Date.parse(p.expiresAt) > now.getTime());
    },
    /** Removes expired entries and returns them as 'left', for the streams to hear. */
    sweep(now: Date): PresenceEntry[] {
      const expired: PresenceEntry[] = [];
      for (const [k, entry] of entries) {
        if (Date.parse(entry.presence.expiresAt) <= now.getTime()) {
          entries.delete(k);
          expired.push({ facts: entry.facts, presence: { ...entry.presence, state: 'left', expiresAt: now.toISOString() } });
        }
      }
      return expired;
    },
  };
}

export type PresenceTable = ReturnType<typeof createPresenceTable>;
