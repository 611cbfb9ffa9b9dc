import { priorities } from '../../../../../shared/priority-matrix';
import { ApiError } from '../../../api/api-error';
import { slaMetrics, targetField, type PolicyProblems } from './policy-draft';

/**
 * The fields a refused save names, as paths without the "body." the server puts first: schema issues
 * ("body.targets.urgent.firstResponseMinutes" → "targets.urgent.firstResponseMinutes") or a rule's single field
 * ("calendarId"). Each path maps to the server's own sentence about it.
 */
export function refusedFields(error: unknown): Map<string, string> {
  const refused = new Map<string, string>();
  if (!(error instanceof ApiError)) return refused;
  const details = error.details as { field?: unknown; issues?: { field?: unknown; message?: unknown }[] } | undefined;
  if (typeof details?.field === 'string') refused.set(details.field, error.serverMessage);
  for (const issue of details?.issues ?? []) {
    const path = String(issue.field ?? '').replace(/^body\.?/, '');
    refused.set(path, typeof issue.message === 'string' ? issue.message : error.serverMessage);
  }
  return refused;
}

/** The server's sentence about a field or anything inside it ("hours" matches "hours.monday.0.start"). */
export function refusedAt(refused: Map<string, string>, field: string): string | undefined {
  for (const [path, message] of refused) if (path === field || path.startsWith(`${field}.`)) return message;
  return undefined;
}

/** What the server refused in a policy, keyed like the form's own problems ("name", "urgent.first_response", …). */
export function refusedPolicyFields(error: unknown): PolicyProblems {
  const refused = refusedFields(error);
  const problems: PolicyProblems = {};
  for (const field of ['name', 'calendarId', 'warningPercent']) {
    const message = refusedAt(refused, field);
    if (message) problems[field] = message;
  }
  // "escalations.1.actions.0.assigneeId": shown under the rule it belongs to.
  for (const [path, message] of refused) {
    const rule = /^escalations\.(\d+)/.exec(path)?.[1];
    if (rule !== undefined) problems[`escalations.${rule}`] ??= message;
  }
  for (const priority of priorities) {
    for (const metric of slaMetrics) {
      const message =
        refusedAt(refused, `targets.${priority}.${targetField[metric]}`) ?? refusedAt(refused, `targets.${priority}`);
      if (message) problems[`${priority}.${metric}`] = message;
    }
  }
  return problems;
}
