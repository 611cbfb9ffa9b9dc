import type { RequestContext } from 'autocannon';
import type { BenchCast } from './actors.js';
import { drive, probe, type LoadPlan, type Step } from './load.js';

export interface Tokens {
  agent: string;
  manager: string;
  requesters: string[];
}

export interface BenchContext {
  baseUrl: string;
  cast: BenchCast;
  tokens: Tokens;
  seconds: number;
  /** The server's CPU seconds so far (null where the system does not say). */
  serverCpuSeconds: () => number | null;
}

export type Outcome =
  | { kind: 'measured'; perSecond: number; p50Ms: number; p99Ms: number; completed: number; failures: Record<string, number>; serverCpuMs: number | null }
  | { kind: 'not-available'; reason: string };

export interface Scenario {
  id: string;
  title: string;
  /** What the throughput counts (tickets/s, replies/s, pages/s …). */
  unit: string;
  plan(context: BenchContext): Promise<LoadPlan | { unavailable: string }>;
}

function rotate<T>(items: readonly T[]): () => T {
  let index = 0;
  return () => items[index++ % items.length]!;
}

const activeView = '/api/v1/tickets?status=new,open,pending,on_hold&limit=25';
export const searchTerms = ['printer', 'vpn', 'outlook password', 'laptop battery', 'restore folder', 'wi-fi', 'excel crashes', 'account locked', 'sharepoint', 'certificate'];

/** Walks the agent's "all tickets" list by keyset cursor to page 50; null when there are fewer pages. */
async function cursorOfPage(baseUrl: string, token: string, page: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let current = 1; current < page; current++) {
    const url = `${baseUrl}/api/v1/tickets?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) return null;
    const body = (await response.json()) as { nextCursor?: string | null };
    if (!body.nextCursor) return null;
    cursor = body.nextCursor;
  }
  return cursor;
}

export const scenarios: Scenario[] = [
  {
    id: 'B1',
    title: 'create ticket (8 clients)',
    unit: 'tickets/s',
    async plan({ tokens, seconds }) {
      let n = 0;
      const requester = rotate(tokens.requesters);
      return {
        connections: 8,
        seconds,
        pick: () => ({ token: requester(), n: n++ }),
        steps: [
          {
            method: 'POST',
            path: () => '/api/v1/tickets',
            body: (c) => JSON.stringify({ subject: `Monitor flickers after the docking station update (${String(c.n)})`, body: 'Since this morning my second monitor flickers every few seconds when the laptop is docked. I tried another cable.' }),
          },
        ],
      };
    },
  },
  {
    id: 'B2',
    title: "agent's default view, first page",
    unit: 'pages/s',
    async plan({ tokens, seconds }) {
      return { connections: 4, seconds, pick: () => ({ token: tokens.agent }), steps: [{ method: 'GET', path: () => activeView }] };
    },
  },
  {
    id: 'B3',
    title: 'page 50 via keyset cursor',
    unit: 'pages/s',
    async plan({ baseUrl, tokens, seconds }) {
      const cursor = await cursorOfPage(baseUrl, tokens.agent, 50);
      if (cursor === null) return { unavailable: 'fewer than 50 pages, or the list has no cursor' };
      const path = `/api/v1/tickets?limit=25&cursor=${encodeURIComponent(cursor)}`;
      return { connections: 4, seconds, pick: () => ({ token: tokens.agent }), steps: [{ method: 'GET', path: () => path }] };
    },
  },
  {
    id: 'B4',
    title: 'ticket page (ticket + ≥20 messages + history)',
    unit: 'pages/s',
    async plan({ cast, tokens, seconds }) {
      if (cast.longTicketIds.length === 0) return { unavailable: 'no ticket with 20 messages in this desk' };
      const ticket = rotate(cast.longTicketIds);
      const byId = (suffix: string) => (c: RequestContext) => `/api/v1/tickets/${String(c.ticketId)}${suffix}`;
      return {
        connections: 4,
        seconds,
        pick: () => ({ token: tokens.manager, ticketId: ticket() }),
        steps: [
          { method: 'GET', path: byId('') },
          { method: 'GET', path: byId('/messages') },
          { method: 'GET', path: byId('/history') },
        ],
      };
    },
  },
  {
    id: 'B5',
    title: 'full-text search',
    unit: 'searches/s',
    async plan({ tokens, seconds }) {
      const term = rotate(searchTerms);
      return {
        connections: 4,
        seconds,
        pick: () => ({ token: tokens.agent, q: term() }),
        steps: [{ method: 'GET', path: (c) => `/api/v1/search?q=${encodeURIComponent(String(c.q))}&limit=25` }],
      };
    },
  },
  {
    id: 'B6',
    title: "requester's my tickets",
    unit: 'pages/s',
    async plan({ tokens, seconds }) {
      const requester = rotate(tokens.requesters);
      return { connections: 4, seconds, pick: () => ({ token: requester() }), steps: [{ method: 'GET', path: () => '/api/v1/tickets?limit=25' }] };
    },
  },
  {
    id: 'B7',
    title: 'post a reply (8 clients)',
    unit: 'replies/s',
    async plan({ cast, tokens, seconds }) {
      if (cast.replyTicketIds.length === 0) return { unavailable: "no active ticket in the agent's team" };
      const ticket = rotate(cast.replyTicketIds);
      return {
        connections: 8,
        seconds,
        pick: () => ({ token: tokens.agent, ticketId: ticket() }),
        steps: [
          {
            method: 'POST',
            path: (c) => `/api/v1/tickets/${String(c.ticketId)}/messages`,
            body: () => JSON.stringify({ body: '<p>Thanks, I have applied the fix on our side. Could you try again and let me know?</p>', internal: false }),
          },
        ],
      };
    },
  },
];

/** Probes the first sequence once, then drives the load; an endpoint not built yet is reported, never estimated. */
export async function runScenario(scenario: Scenario, context: BenchContext): Promise<Outcome> {
  const plan = await scenario.plan(context);
  if ('unavailable' in plan) return { kind: 'not-available', reason: plan.unavailable };
  const sample = plan.pick();
  for (const step of plan.steps as Step[]) {
    const answer = await probe(context.baseUrl, step, sample);
    if (answer.status === 404) return { kind: 'not-available', reason: `404 on ${step.method} ${step.path(sample).split('?')[0]}` };
    if (answer.status < 200 || answer.status >= 300) {
      return { kind: 'not-available', reason: `${answer.status} on ${step.method} ${step.path(sample).split('?')[0]}: ${answer.body.slice(0, 160)}` };
    }
  }
  const result = await drive(context.baseUrl, plan, { cpuSeconds: context.serverCpuSeconds });
  const { perSecond, p50Ms, p99Ms, completed, failures, serverCpuMs } = result;
  return { kind: 'measured', perSecond, p50Ms, p99Ms, completed, failures, serverCpuMs };
}
