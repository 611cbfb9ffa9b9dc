import type {
  Category,
  CreateMessageBody,
  CreateTicketBody,
  CustomField,
  Message,
  Ticket,
  TicketListQuery,
  UpdateTicketBody,
  UserRef,
} from '../../../shared/schemas/tickets';
import type { TicketSlaDto } from '../../../shared/schemas/sla';
import { allPages, api } from './client';

export type { Category, CustomField, Message, Ticket, UserRef } from '../../../shared/schemas/tickets';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface HistoryEntry {
  id: number;
  ticketId: number;
  actor: UserRef | null;
  field: string;
  from: unknown;
  to: unknown;
  /** Names of what `from` and `to` refer to by id: "user:12" → "Maria Lopez", "team:3" → "Network". */
  names: Record<string, string>;
  reason: string | null;
  createdAt: string;
}

export interface TicketLink {
  id: number;
  relation: string;
  ticket: { id: number; ref: number; reference: string; subject: string; status: Ticket['status'] };
  createdAt: string;
}

export interface TimeEntry {
  id: number;
  ticketId: number;
  agent: UserRef;
  minutes: number;
  note: string;
  workedAt: string;
  createdAt: string;
}

export interface SavedView {
  id: number;
  ownerId: number;
  shared: boolean;
  name: string;
  filters: Record<string, unknown>;
  sort: TicketListQuery['sort'];
  columns: string[];
  count?: number;
}

export interface SearchHit {
  ticket: Ticket;
  snippet?: string;
  highlight?: string;
}

export interface BulkResult {
  results: { ticketId: number; ok: boolean; error?: { code: string; message: string } }[];
}

export type TicketQuery = Partial<Record<keyof TicketListQuery, string | number | readonly (string | number)[] | undefined>>;

/** Lists come back as `{items}` or a bare array depending on the endpoint; this accepts both. */
function itemsOf<T>(value: T[] | { items: T[] }): T[] {
  return Array.isArray(value) ? value : value.items;
}

export const ticketsApi = {
  list: (query: TicketQuery, signal?: AbortSignal) => api.get<Page<Ticket>>('/api/v1/tickets', query, { signal }),
  get: (id: number) => api.get<Ticket>(`/api/v1/tickets/${id}`),
  sla: (id: number) => api.get<TicketSlaDto>(`/api/v1/tickets/${id}/sla`),
  create: (body: CreateTicketBody) => api.post<Ticket>('/api/v1/tickets', body),
  update: (id: number, body: UpdateTicketBody) => api.patch<Ticket>(`/api/v1/tickets/${id}`, body),
  messages: (id: number) => allPages<Message>(`/api/v1/tickets/${id}/messages`, { limit: 500 }),
  postMessage: (id: number, body: Partial<CreateMessageBody> & { body: string }) =>
    api.post<{ message: Message; ticket: Ticket }>(`/api/v1/tickets/${id}/messages`, body),
  history: (id: number) => allPages<HistoryEntry>(`/api/v1/tickets/${id}/history`, { limit: 500 }),
  links: async (id: number) => itemsOf(await api.get<TicketLink[] | { items: TicketLink[] }>(`/api/v1/tickets/${id}/links`)),
  timeEntries: async (id: number) => itemsOf(await api.get<TimeEntry[] | { items: TimeEntry[] }>(`/api/v1/tickets/${id}/time-entries`)),
  logTime: (id: number, body: { minutes: number; note?: string }) => api.post<TimeEntry>(`/api/v1/tickets/${id}/time-entries`, body),
  merge: (id: number, body: { targetId: number; version?: number }) => api.post<unknown>(`/api/v1/tickets/${id}/merge`, body),
  bulk: (body: { ticketIds: number[]; changes: Record<string, unknown> }) => api.post<BulkResult>('/api/v1/tickets/bulk', body),
  views: async () => itemsOf(await api.get<SavedView[] | { items: SavedView[] }>('/api/v1/views')),
  search: async (q: string, signal?: AbortSignal) => itemsOf(await api.get<SearchHit[] | { items: SearchHit[] }>('/api/v1/search', { q, limit: 15 }, { signal })),
  categories: async () => itemsOf(await api.get<Category[] | { items: Category[] }>('/api/v1/categories')),
  customFields: async () => itemsOf(await api.get<CustomField[] | { items: CustomField[] }>('/api/v1/custom-fields')),
};

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (query: TicketQuery) => ['tickets', 'list', query] as const,
  detail: (id: number) => ['tickets', 'detail', id] as const,
  /** Under the ticket's key, so whatever refreshes the ticket refreshes its clocks. */
  sla: (id: number) => ['tickets', 'detail', id, 'sla'] as const,
  messages: (id: number) => ['tickets', 'messages', id] as const,
  history: (id: number) => ['tickets', 'history', id] as const,
  links: (id: number) => ['tickets', 'links', id] as const,
  time: (id: number) => ['tickets', 'time', id] as const,
  views: ['views'] as const,
  categories: ['categories'] as const,
  customFields: ['custom-fields'] as const,
};
