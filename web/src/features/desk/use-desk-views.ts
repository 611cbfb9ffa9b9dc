import { useQueries, useQuery } from '@tanstack/react-query';
import { ticketKeys, ticketsApi } from '../../api/tickets';
import { builtInViews, savedViewToDeskView, type DeskView } from './desk-views';

/** Built-in views plus the saved views the server knows (none if that endpoint is not there). */
export function useDeskViews(): { views: DeskView[]; savedCounts: Map<string, number> } {
  const saved = useQuery({ queryKey: ticketKeys.views, queryFn: ticketsApi.views, retry: false, staleTime: 60_000 });
  const savedViews = saved.data ?? [];
  const savedCounts = new Map<string, number>();
  for (const view of savedViews) if (typeof view.count === 'number') savedCounts.set(`saved-${view.id}`, view.count);
  return { views: [...builtInViews, ...savedViews.map(savedViewToDeskView)], savedCounts };
}

const countCap = 100;

/**
 * Live counts for the sidebar: one capped list request per view (shown as "99+" past the cap),
 * refreshed whenever the event stream invalidates ticket lists.
 */
export function useViewCounts(views: DeskView[], known: Map<string, number>): Map<string, number | null> {
  const results = useQueries({
    queries: views.map((view) => ({
      queryKey: ['tickets', 'list', 'count', view.key, view.query],
      queryFn: async ({ signal }: { signal: AbortSignal }) => (await ticketsApi.list({ ...view.query, limit: countCap }, signal)).items.length,
      enabled: !known.has(view.key),
      staleTime: 10_000,
    })),
  });
  const counts = new Map<string, number | null>();
  views.forEach((view, index) => counts.set(view.key, known.get(view.key) ?? results[index]?.data ?? null));
  return counts;
}

export { countCap };
