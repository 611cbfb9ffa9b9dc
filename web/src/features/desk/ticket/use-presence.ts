import { useCallback, useEffect, useRef, useState } from 'react';
import type { Presence } from '../../../../../shared/schemas/ticket-extras';
import { request } from '../../../api/client';
import { useCurrentUser } from '../../../app/use-session';
import { subscribeToLiveEvents } from '../../tickets/use-live-events';

// The server forgets a presence after 30 s; renewing every 10 s keeps ours alive with room for a slow request.
const renewMs = 10_000;
// Typing that pauses this long counts as viewing again.
const replyingIdleMs = 8_000;

type OwnState = 'viewing' | 'replying';

/**
 * Who else is on this ticket ("Dana is replying"), and our own announcement: viewing while the page is open,
 * replying while typing, left when the page closes. Others arrive through the event stream; the answer to each
 * renewal brings the full list too, so a missed event heals within seconds.
 */
export function usePresence(ticketId: number): { others: Presence[]; typing: () => void; stoppedTyping: () => void } {
  const me = useCurrentUser();
  const [people, setPeople] = useState<Map<number, Presence>>(new Map());
  const [, setTick] = useState(0);
  const own = useRef<OwnState>('viewing');
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const announce = useCallback(
    (state: OwnState | 'left') => {
      request<{ items: Presence[] }>(
        'POST',
        `/api/v1/tickets/${ticketId}/presence`,
        { state },
        { keepalive: state === 'left' },
      )
        .then((answer) => {
          if (state !== 'left') setPeople(new Map(answer.items.map((p) => [p.userId, p])));
        })
        .catch(() => {
          // Presence is a courtesy: a failed announcement must never disturb the work on the ticket.
        });
    },
    [ticketId],
  );

  useEffect(() => {
    own.current = 'viewing';
    setPeople(new Map());
    announce('viewing');
    const renew = setInterval(() => announce(own.current), renewMs);
    // Expired entries leave the list even if their 'left' event never came.
    const sweep = setInterval(() => setTick((n) => n + 1), 5_000);
    const unsubscribe = subscribeToLiveEvents((event) => {
      const presence = event.payload.presence as Presence | undefined;
      if (event.type !== 'presence.changed' || !presence || presence.ticketId !== ticketId) return;
      setPeople((current) => {
        const next = new Map(current);
        if (presence.state === 'left') next.delete(presence.userId);
        else next.set(presence.userId, presence);
        return next;
      });
    });
    // Closing the tab or loading another page runs no React cleanup: say goodbye on the way out.
    const leave = () => announce('left');
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      clearInterval(renew);
      clearInterval(sweep);
      clearTimeout(idle.current);
      unsubscribe();
      announce('left');
    };
  }, [ticketId, announce]);

  const typing = useCallback(() => {
    clearTimeout(idle.current);
    idle.current = setTimeout(() => {
      own.current = 'viewing';
      announce('viewing');
    }, replyingIdleMs);
    if (own.current === 'replying') return;
    own.current = 'replying';
    announce('replying');
  }, [announce]);

  const stoppedTyping = useCallback(() => {
    clearTimeout(idle.current);
    if (own.current === 'viewing') return;
    own.current = 'viewing';
    announce('viewing');
  }, [announce]);

  const now = Date.now();
  const others = [...people.values()].filter(
    (p) => p.userId !== me.id && p.state !== 'left' && Date.parse(p.expiresAt) > now,
  );
  return { others, typing, stoppedTyping };
}
