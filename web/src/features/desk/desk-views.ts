import type { SavedView, TicketQuery } from '../../api/tickets';
import type { MessageKey } from '../../i18n/translate';

/** The views every agent starts with; saved views from the server are listed after them. */
export interface DeskView {
  key: string;
  label: string;
  labelKey?: MessageKey;
  query: TicketQuery;
}

const active = ['new', 'open', 'pending', 'on_hold'];

export const builtInViews: DeskView[] = [
  { key: 'mine', label: '', labelKey: 'desk.view.mine', query: { assigneeId: ['me'], status: active } },
  { key: 'unassigned', label: '', labelKey: 'desk.view.unassigned', query: { assigneeId: ['unassigned'], status: active } },
  { key: 'open', label: '', labelKey: 'desk.view.open', query: { status: active } },
  // Running clocks due within the hour, and those already overdue, soonest first.
  { key: 'breaching', label: '', labelKey: 'desk.view.breaching', query: { status: active, dueWithinMinutes: 60, sort: 'due' } },
  { key: 'pending', label: '', labelKey: 'desk.view.pending', query: { status: ['pending'] } },
  { key: 'resolved', label: '', labelKey: 'desk.view.resolved', query: { status: ['resolved'], sort: '-updatedAt' } },
  { key: 'all', label: '', labelKey: 'desk.view.all', query: {} },
];

export const defaultViewKey = 'open';

/** A saved view's stored filters become list query parameters (arrays stay arrays). */
export function savedViewToDeskView(view: SavedView): DeskView {
  const query: TicketQuery = {};
  for (const [key, value] of Object.entries(view.filters)) {
    if (Array.isArray(value)) (query as Record<string, unknown>)[key] = value.map(String);
    else if (typeof value === 'string' || typeof value === 'number') (query as Record<string, unknown>)[key] = value;
  }
  return { key: `saved-${view.id}`, label: view.name, query: { ...query, sort: view.sort } };
}
