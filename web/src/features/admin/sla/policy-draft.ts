import { priorities, type Priority } from '../../../../../shared/priority-matrix';
import type { EscalationAction, EscalationRule, SlaMetric } from '../../../../../shared/schemas/sla';
import type { TicketChannel, TicketType } from '../../../../../shared/schemas/tickets';
import type { TicketStatus } from '../../../../../shared/ticket-status';
import type { SlaConditions, SlaPolicyBody, SlaPolicyDto, SlaTarget } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import { ticketTypes } from '../../tickets/ticket-constants';
import { durationProblemText, eitherOf, formatMinutes, parseDuration } from './sla-words';

// Restated from the schemas (type-checked against their unions) so that zod stays out of the bundle.
export const ticketChannels = ['portal', 'email', 'phone', 'api'] as const satisfies readonly TicketChannel[];
export const slaMetrics = ['first_response', 'next_response', 'resolution'] as const satisfies readonly SlaMetric[];
/** The statuses an admin may choose to stop the clocks; others a policy holds are kept as they are. */
export const pausableStatuses = ['pending', 'on_hold'] as const satisfies readonly TicketStatus[];
export const escalationActionTypes = [
  'notify_team_lead',
  'notify_manager',
  'move_to_tier',
  'raise_priority',
  'reassign',
] as const satisfies readonly EscalationAction['type'][];
/** The API's limits on escalation rules per policy and actions per rule. */
export const maxEscalationRules = 20;
export const maxEscalationActions = 10;
/** Most urgent first, as the desk lists work. */
export const prioritiesByUrgency = [...priorities].reverse() as Priority[];

export const targetField: Record<SlaMetric, keyof SlaTarget> = {
  first_response: 'firstResponseMinutes',
  next_response: 'nextResponseMinutes',
  resolution: 'resolutionMinutes',
};

export interface PolicyDraft {
  name: string;
  description: string;
  isActive: boolean;
  priorities: string[];
  types: string[];
  teamIds: string[];
  categoryIds: string[];
  organizationIds: string[];
  channels: string[];
  calendarId: string | null;
  /** What the admin typed per priority and metric ("30m", "4h", "" for no target). */
  targets: Record<Priority, Record<SlaMetric, string>>;
  warningPercent: number | string;
  pausingStatuses: string[];
  /** What the desk does by itself when a clock warns or breaches (edited in place: every field is a choice). */
  escalations: EscalationRule[];
}

const noTargets = () =>
  Object.fromEntries(
    priorities.map((priority) => [priority, { first_response: '', next_response: '', resolution: '' }]),
  ) as PolicyDraft['targets'];

export function emptyPolicyDraft(calendarId: number | null): PolicyDraft {
  return {
    name: '',
    description: '',
    isActive: true,
    priorities: [],
    types: [],
    teamIds: [],
    categoryIds: [],
    organizationIds: [],
    channels: [],
    calendarId: calendarId === null ? null : String(calendarId),
    targets: noTargets(),
    warningPercent: 75,
    pausingStatuses: [...pausableStatuses],
    escalations: [],
  };
}

const texts = (ids: readonly number[] | undefined) => (ids ?? []).map(String);

export function draftOfPolicy(policy: SlaPolicyDto): PolicyDraft {
  const targets = noTargets();
  for (const priority of priorities) {
    for (const metric of slaMetrics) {
      const minutes = policy.targets[priority]?.[targetField[metric]];
      targets[priority][metric] = minutes ? formatMinutes(minutes) : '';
    }
  }
  return {
    name: policy.name,
    description: policy.description,
    isActive: policy.isActive,
    priorities: [...(policy.conditions.priorities ?? [])],
    types: [...(policy.conditions.types ?? [])],
    teamIds: texts(policy.conditions.teamIds),
    categoryIds: texts(policy.conditions.categoryIds),
    organizationIds: texts(policy.conditions.organizationIds),
    channels: [...(policy.conditions.channels ?? [])],
    calendarId: String(policy.calendarId),
    targets,
    warningPercent: policy.warningPercent,
    pausingStatuses: [...policy.pausingStatuses],
    escalations: policy.escalations.map((rule) => ({ ...rule, actions: rule.actions.map((action) => ({ ...action })) })),
  };
}

/** Problems keyed by field: "name", "calendarId", "warningPercent", "<priority>.<metric>", "escalations.<rule>". */
export type PolicyProblems = Record<string, string>;

export function policyProblems(draft: PolicyDraft): PolicyProblems {
  const problems: PolicyProblems = {};
  if (!draft.name.trim()) problems.name = t('admin.slaPolicies.error.name');
  if (!draft.calendarId) problems.calendarId = t('admin.slaPolicies.error.calendar');
  const warning = Number(draft.warningPercent);
  if (!Number.isInteger(warning) || warning < 1 || warning > 99)
    problems.warningPercent = t('admin.slaPolicies.error.warningPercent');
  for (const priority of priorities) {
    for (const metric of slaMetrics) {
      const parsed = parseDuration(draft.targets[priority][metric]);
      if ('problem' in parsed) problems[`${priority}.${metric}`] = durationProblemText(parsed.problem);
    }
  }
  draft.escalations.forEach((rule, index) => {
    if (rule.actions.length === 0) problems[`escalations.${index}`] = t('admin.slaPolicies.error.escalationActions');
  });
  return problems;
}

const minutesOf = (text: string): number | null => {
  const parsed = parseDuration(text);
  return 'minutes' in parsed ? parsed.minutes : null;
};

/** The targets the draft sets, in the API's unit (whole business minutes); a priority with none is left out. */
export function targetsOfDraft(draft: PolicyDraft): SlaPolicyBody['targets'] {
  const targets: SlaPolicyBody['targets'] = {};
  for (const priority of priorities) {
    const target = {
      firstResponseMinutes: minutesOf(draft.targets[priority].first_response),
      nextResponseMinutes: minutesOf(draft.targets[priority].next_response),
      resolutionMinutes: minutesOf(draft.targets[priority].resolution),
    };
    if (Object.values(target).some((minutes) => minutes !== null)) targets[priority] = target;
  }
  return targets;
}

/** The whole policy for PUT (which replaces it). */
export function bodyOfPolicy(draft: PolicyDraft): SlaPolicyBody {
  const conditions: SlaConditions = {};
  if (draft.priorities.length) conditions.priorities = draft.priorities as Priority[];
  if (draft.types.length) conditions.types = draft.types as TicketType[];
  if (draft.teamIds.length) conditions.teamIds = draft.teamIds.map(Number);
  if (draft.categoryIds.length) conditions.categoryIds = draft.categoryIds.map(Number);
  if (draft.organizationIds.length) conditions.organizationIds = draft.organizationIds.map(Number);
  if (draft.channels.length) conditions.channels = draft.channels as TicketChannel[];
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    isActive: draft.isActive,
    conditions,
    targets: targetsOfDraft(draft),
    calendarId: Number(draft.calendarId),
    pausingStatuses: draft.pausingStatuses as TicketStatus[],
    warningPercent: Number(draft.warningPercent),
    escalations: draft.escalations,
  };
}

export interface Names {
  team: (id: number) => string;
  user: (id: number) => string;
  category: (id: number) => string;
  organization: (id: number) => string;
}

/** "Priority Urgent or High · team Service desk"; no condition at all is "Every ticket". */
export function summariseConditions(conditions: SlaConditions, names: Names): string {
  const parts: string[] = [];
  const add = (values: string[] | undefined, key: Parameters<typeof t>[0]) => {
    if (values && values.length > 0) parts.push(t(key, { values: eitherOf(values) }));
  };
  add(
    conditions.priorities?.map((priority) => t(`priority.${priority}`)),
    'admin.slaPolicies.appliesTo.priorities',
  );
  add(
    conditions.types?.map((type) => t(`type.${type}`)),
    'admin.slaPolicies.appliesTo.types',
  );
  add(conditions.teamIds?.map(names.team), 'admin.slaPolicies.appliesTo.teams');
  add(conditions.categoryIds?.map(names.category), 'admin.slaPolicies.appliesTo.categories');
  add(conditions.organizationIds?.map(names.organization), 'admin.slaPolicies.appliesTo.organizations');
  add(
    conditions.channels?.map((channel) => t(`channel.${channel}`)),
    'admin.slaPolicies.appliesTo.channels',
  );
  if (parts.length === 0) return t('admin.slaPolicies.appliesTo.everything');
  // Each part is worded to follow another ("team Service desk"); the first starts the sentence.
  const text = parts.join(' · ');
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** "On a breach of resolution: notify the team's leads, then move to Network (tier 2)". */
export function describeEscalation(rule: EscalationRule, names: Names): string {
  const when = rule.metric
    ? t(`admin.slaPolicies.escalationWhen.${rule.trigger}`, { clock: t(`admin.slaPolicies.metric.${rule.metric}`).toLocaleLowerCase() })
    : t(`admin.slaPolicies.escalationWhen.${rule.trigger}.any`);
  const actions = rule.actions.map((action) => {
    switch (action.type) {
      case 'move_to_tier':
        return action.teamId === undefined
          ? t('admin.slaPolicies.escalationDoes.move_to_tier', { tier: action.tier })
          : t('admin.slaPolicies.escalationDoes.move_to_team', { team: names.team(action.teamId), tier: action.tier });
      case 'reassign':
        return action.assigneeId === null
          ? t('admin.slaPolicies.escalationDoes.to_queue')
          : t('admin.slaPolicies.escalationDoes.reassign', { person: names.user(action.assigneeId) });
      default:
        return t(`admin.slaPolicies.escalationDoes.${action.type}`);
    }
  });
  return `${when}: ${actions.join(t('admin.slaPolicies.escalationThen'))}`;
}

/** "1h / 4h": first response / resolution, "—" where the policy sets none. */
export function targetPair(target: SlaTarget | undefined): string {
  const show = (minutes: number | null | undefined) => (minutes ? formatMinutes(minutes) : '—');
  return `${show(target?.firstResponseMinutes)} / ${show(target?.resolutionMinutes)}`;
}

export { ticketTypes };
