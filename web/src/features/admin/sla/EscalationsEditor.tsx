import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import type { EscalationAction, EscalationRule } from '../../../../../shared/schemas/sla';
import { t } from '../../../i18n/translate';
import { escalationActionTypes, maxEscalationActions, maxEscalationRules, slaMetrics, type PolicyProblems } from './policy-draft';

type Option = { value: string; label: string };

/** Who and where a rule can send a ticket: teams and active agents to choose from, and names for what was saved. */
export interface EscalationOptions {
  teams: Option[];
  agents: Option[];
  userName: (id: number) => string;
  tierOfTeam: (id: number) => number | undefined;
}

interface EscalationsEditorProps {
  rules: EscalationRule[];
  problems: PolicyProblems;
  options: EscalationOptions;
  onChange: (rules: EscalationRule[]) => void;
}

/** A new action of a type, with the parameters it needs set to their most common choice. */
function actionOfType(type: EscalationAction['type']): EscalationAction {
  if (type === 'move_to_tier') return { type, tier: 2 };
  if (type === 'reassign') return { type, assigneeId: null };
  return { type };
}

/**
 * What the desk does by itself when a clock warns or breaches: one card per rule, its trigger and clock on top and
 * its actions, in the order they run, below.
 */
export function EscalationsEditor({ rules, problems, options, onChange }: EscalationsEditorProps) {
  const replace = (index: number, rule: EscalationRule) => onChange(rules.map((existing, at) => (at === index ? rule : existing)));
  return (
    <Stack gap="sm">
      {rules.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.slaPolicies.escalations.none')}
        </Text>
      )}
      {rules.map((rule, index) => (
        <Paper key={index} withBorder p="sm" radius="md" role="group" aria-label={t('admin.slaPolicies.escalations.rule', { number: index + 1 })}>
          <Stack gap="xs">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Select
                label={t('admin.slaPolicies.escalations.trigger')}
                data={(['warning', 'breach'] as const).map((trigger) => ({ value: trigger, label: t(`admin.slaPolicies.escalations.trigger.${trigger}`) }))}
                value={rule.trigger}
                allowDeselect={false}
                onChange={(trigger) => trigger && replace(index, { ...rule, trigger: trigger as EscalationRule['trigger'] })}
                w={{ base: '100%', xs: 240 }}
              />
              <Select
                label={t('admin.slaPolicies.escalations.metric')}
                data={[
                  { value: 'any', label: t('admin.slaPolicies.escalations.anyClock') },
                  ...slaMetrics.map((metric) => ({ value: metric, label: t(`admin.slaPolicies.metric.${metric}`) })),
                ]}
                value={rule.metric ?? 'any'}
                allowDeselect={false}
                onChange={(metric) => {
                  const { metric: _previous, ...rest } = rule;
                  replace(index, metric && metric !== 'any' ? { ...rest, metric: metric as NonNullable<EscalationRule['metric']> } : rest);
                }}
                w={{ base: '100%', xs: 200 }}
              />
              <Button variant="subtle" color="red" ml="auto" onClick={() => onChange(rules.filter((_, at) => at !== index))}>
                {t('admin.slaPolicies.escalations.removeRule')}
              </Button>
            </Group>
            <Text size="sm" fw={500}>
              {t('admin.slaPolicies.escalations.then')}
            </Text>
            {rule.actions.map((action, actionIndex) => (
              <ActionRow
                key={actionIndex}
                action={action}
                number={actionIndex + 1}
                options={options}
                onChange={(changed) => replace(index, { ...rule, actions: rule.actions.map((existing, at) => (at === actionIndex ? changed : existing)) })}
                onRemove={() => replace(index, { ...rule, actions: rule.actions.filter((_, at) => at !== actionIndex) })}
              />
            ))}
            {problems[`escalations.${index}`] && (
              <Text size="sm" c="red" role="alert">
                {problems[`escalations.${index}`]}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                size="xs"
                disabled={rule.actions.length >= maxEscalationActions}
                onClick={() => replace(index, { ...rule, actions: [...rule.actions, actionOfType('notify_team_lead')] })}
              >
                {t('admin.slaPolicies.escalations.addAction')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button
          variant="default"
          disabled={rules.length >= maxEscalationRules}
          onClick={() => onChange([...rules, { trigger: 'breach', actions: [actionOfType('notify_team_lead')] }])}
        >
          {t('admin.slaPolicies.escalations.addRule')}
        </Button>
      </Group>
    </Stack>
  );
}

interface ActionRowProps {
  action: EscalationAction;
  number: number;
  options: EscalationOptions;
  onChange: (action: EscalationAction) => void;
  onRemove: () => void;
}

/** One action: what to do, and for a move or a reassignment, where to. */
function ActionRow({ action, number, options, onChange, onRemove }: ActionRowProps) {
  const label = t('admin.slaPolicies.escalations.action', { number });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={label}
        data={escalationActionTypes.map((type) => ({ value: type, label: t(`admin.slaPolicies.escalations.type.${type}`) }))}
        value={action.type}
        allowDeselect={false}
        onChange={(type) => type && type !== action.type && onChange(actionOfType(type as EscalationAction['type']))}
        w={{ base: '100%', xs: 220 }}
      />
      {action.type === 'move_to_tier' && (
        <>
          <NumberInput
            label={t('admin.slaPolicies.escalations.tier')}
            min={1}
            max={9}
            clampBehavior="strict"
            allowDecimal={false}
            value={action.tier}
            onChange={(tier) => onChange({ ...action, tier: typeof tier === 'number' ? tier : 1 })}
            w={80}
          />
          <Select
            label={t('admin.slaPolicies.escalations.team')}
            data={[{ value: 'tier', label: t('admin.slaPolicies.escalations.firstTeamOfTier') }, ...options.teams]}
            value={action.teamId === undefined ? 'tier' : String(action.teamId)}
            allowDeselect={false}
            searchable
            onChange={(team) => {
              const { teamId: _previous, ...rest } = action;
              if (!team || team === 'tier') return onChange(rest);
              // A named team takes the ticket to its own tier (the server refuses a team of another one).
              onChange({ ...rest, teamId: Number(team), tier: options.tierOfTeam(Number(team)) ?? rest.tier });
            }}
            w={{ base: '100%', xs: 190 }}
          />
        </>
      )}
      {action.type === 'reassign' && (
        <Select
          label={t('admin.slaPolicies.escalations.assignee')}
          data={[
            { value: 'queue', label: t('admin.slaPolicies.escalations.teamQueue') },
            ...options.agents,
            ...(action.assigneeId !== null && !options.agents.some((agent) => agent.value === String(action.assigneeId))
              ? [{ value: String(action.assigneeId), label: t('admin.slaPolicies.escalations.formerAgent', { name: options.userName(action.assigneeId) }) }]
              : []),
          ]}
          value={action.assigneeId === null ? 'queue' : String(action.assigneeId)}
          allowDeselect={false}
          searchable
          onChange={(assignee) => onChange({ type: 'reassign', assigneeId: assignee && assignee !== 'queue' ? Number(assignee) : null })}
          w={{ base: '100%', xs: 240 }}
        />
      )}
      <ActionIcon
        variant="subtle"
        color="red"
        size="lg"
        mb={2}
        aria-label={t('admin.slaPolicies.escalations.removeAction', { number })}
        title={t('admin.slaPolicies.escalations.removeAction', { number })}
        onClick={onRemove}
      >
        ×
      </ActionIcon>
    </Group>
  );
}
