import autocannon, { type RequestContext } from 'autocannon';

/** One HTTP request of a measured sequence; `context` carries what the sequence picked (ticket id, token…). */
export interface Step {
  method: 'GET' | 'POST';
  path(context: RequestContext): string;
  body?(context: RequestContext): string;
}

export interface LoadPlan {
  steps: Step[];
  connections: number;
  seconds: number;
  /** Called once per sequence: picks the token and the data for it. Must set `token`. */
  pick(): RequestContext & { token: string };
}

export interface LoadResult {
  /** Completed sequences whose every response was 2xx. */
  completed: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx responses by status, and transport errors. */
  failures: Record<string, number>;
  failureCount: number;
  /** Server CPU (user + system) per completed sequence during the measured run, when `cpuSeconds` was given. */
  serverCpuMs: number | null;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Drives the server with autocannon and times each whole sequence itself (autocannon's own histogram
 * has millisecond resolution and counts single requests, not a page made of several).
 */
export async function drive(baseUrl: string, plan: LoadPlan, options: { warmUpSeconds?: number; cpuSeconds?: () => number | null } = {}): Promise<LoadResult> {
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const failures: Record<string, number> = {};
    const last = plan.steps.length - 1;
    const result = await autocannon({
      url: baseUrl,
      connections: plan.connections,
      duration: seconds,
      timeout: 30,
      requests: plan.steps.map((step, index) => ({
        method: step.method,
        setupRequest(request, context) {
          if (index === 0) {
            for (const key of Object.keys(context)) delete context[key];
            Object.assign(context, plan.pick(), { startedAt: performance.now(), failed: false });
          }
          const headers: Record<string, string> = { authorization: `Bearer ${String(context.token)}` };
          const body = step.body?.(context);
          if (body !== undefined) headers['content-type'] = 'application/json';
          return { ...request, method: step.method, path: step.path(context), headers, ...(body !== undefined ? { body } : {}) };
        },
        onResponse(status, _body, context) {
          if (status < 200 || status >= 300) {
            failures[String(status)] = (failures[String(status)] ?? 0) + 1;
            context.failed = true;
          }
          if (index === last && !context.failed) latencies.push(performance.now() - Number(context.startedAt));
        },
      })),
    });
    if (result.errors > 0) failures.errors = result.errors;
    if (result.timeouts > 0) failures.timeouts = result.timeouts;
    latencies.sort((a, b) => a - b);
    return { latencies, failures, seconds: result.duration || seconds };
  };
  if ((options.warmUpSeconds ?? 1) > 0) await run(options.warmUpSeconds ?? 1);
  const cpuBefore = options.cpuSeconds?.() ?? null;
  const { latencies, failures, seconds } = await run(plan.seconds);
  const cpuAfter = options.cpuSeconds?.() ?? null;
  return {
    // CPU per request is steadier than throughput on a machine whose speed moves between runs.
    serverCpuMs: cpuBefore !== null && cpuAfter !== null && latencies.length > 0 ? ((cpuAfter - cpuBefore) * 1000) / latencies.length : null,
    completed: latencies.length,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    failures,
    failureCount: Object.values(failures).reduce((a, b) => a + b, 0),
  };
}

/** One request outside the load, to tell "not built yet" (404) and broken (4xx/5xx) from measurable. */
export async function probe(baseUrl: string, step: Step, context: RequestContext & { token: string }): Promise<{ status: number; body: string }> {
  const body = step.body?.(context);
  const response = await fetch(`${baseUrl}${step.path(context)}`, {
    method: step.method,
    headers: { authorization: `Bearer ${context.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, body: await response.text() };
}
