import { ApiError, toApiError } from './api-error';

/**
 * The typed HTTP client. The session lives in an HttpOnly cookie; every request that changes state
 * carries the CSRF token the server handed out at sign-in (and with /me), so a forged cross-site
 * request changes nothing.
 */
let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** The CSRF header for a state-changing request sent outside `request` (an upload with progress). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** Tells the listeners that the session is gone (for requests sent outside `request`). */
export function reportUnauthorized(): void {
  unauthorizedListeners.forEach((listener) => listener());
}

/** Called when the server says the session is gone, so the app can send the person to sign in. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type Query = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, init?: { signal?: AbortSignal; keepalive?: boolean }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: init?.signal,
      // Lets a last word ("I left this ticket") go out while the page unloads.
      keepalive: init?.keepalive,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', String(cause));
  }
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = toApiError(response.status, parsed);
    if (response.status === 401 && !path.startsWith('/api/v1/auth/')) reportUnauthorized();
    throw error;
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, init?: { signal?: AbortSignal }) => request<T>('GET', withQuery(path, query), undefined, init),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

type Listing<T> = T[] | { items: T[]; nextCursor?: string | null };

/**
 * Every item of a paged listing, following `nextCursor` page by page: a long ticket's conversation and history,
 * or every user of a role, are more than one page.
 */
export async function allPages<T>(path: string, query: Query = {}): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Listing<T>>(path, { ...query, cursor });
    if (Array.isArray(page)) return page;
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}
