import { ActionIcon, Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { SlaPolicyDto } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import { useScreenAtMost } from '../../../ui/use-screen-at-most';
import { RowActions } from '../RowActions';
import { describeEscalation, prioritiesByUrgency, summariseConditions, targetPair, type Names } from './policy-draft';
import { formatMinutes } from './sla-words';

interface PolicyCardProps {
  policy: SlaPolicyDto;
  place: number;
  count: number;
  names: Names;
  calendarName: string;
  onMove: (direction: 'up' | 'down') => void;
  onEdit: () => void;
  onDelete: () => void;
  /** Lets the list put focus back on a move button after the policy changed places. */
  moveButtonRef: (direction: 'up' | 'down', button: HTMLButtonElement | null) => void;
}

/** One policy in the evaluation order: what it applies to, its calendar and its targets, in words. */
export function PolicyCard({
  policy,
  place,
  count,
  names,
  calendarName,
  onMove,
  onEdit,
  onDelete,
  moveButtonRef,
}: PolicyCardProps) {
  // On a phone the buttons go under the words, where a thumb reaches them without hiding the name.
  const phone = useScreenAtMost('xs');
  const withTargets = prioritiesByUrgency.filter((priority) => policy.targets[priority]);
  const actions = (
    <RowActions
      editLabel={t('admin.slaPolicies.editNamed', { name: policy.name })}
      deleteLabel={t('admin.slaPolicies.deleteNamed', { name: policy.name })}
      onEdit={onEdit}
      onDelete={onDelete}
    >
      <ActionIcon
        ref={(button) => moveButtonRef('up', button)}
        variant="default"
        size="lg"
        aria-label={t('admin.slaPolicies.moveUp', { name: policy.name })}
        disabled={place === 1}
        onClick={() => onMove('up')}
      >
        <IconArrowUp size={16} />
      </ActionIcon>
      <ActionIcon
        ref={(button) => moveButtonRef('down', button)}
        variant="default"
        size="lg"
        aria-label={t('admin.slaPolicies.moveDown', { name: policy.name })}
        disabled={place === count}
        onClick={() => onMove('down')}
      >
        <IconArrowDown size={16} />
      </ActionIcon>
    </RowActions>
  );
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-policy-id={policy.id}
      aria-labelledby={`sla-policy-${policy.id}`}
      component="section"
    >
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <Text fw={700} c="dimmed" aria-hidden lh={1.55}>
          {place}.
        </Text>
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
            <Group gap="xs">
              <Text component="h2" fw={600} size="md" id={`sla-policy-${policy.id}`} m={0}>
                {policy.name}
              </Text>
              {!policy.isActive && (
                <Badge color="gray" variant="light">
                  {t('admin.slaPolicies.inactive')}
                </Badge>
              )}
            </Group>
            {!phone && actions}
          </Group>
          <Text size="sm">
            <Text span c="dimmed" inherit>
              {t('admin.slaPolicies.appliesTo')}{' '}
            </Text>
            {summariseConditions(policy.conditions, names)}
          </Text>
          <Text size="sm">
            <Text span c="dimmed" inherit>
              {t('admin.slaPolicies.calendarLabel')}{' '}
            </Text>
            {calendarName}
            <Text span c="dimmed" inherit>
              {' · '}
              {t('admin.slaPolicies.warnsAt', { percent: policy.warningPercent })}
            </Text>
          </Text>
          <Text size="xs" c="dimmed" mt={6}>
            {t('admin.slaPolicies.targetsLegend')}
          </Text>
          {withTargets.length === 0 ? (
            <Text size="sm">{t('admin.slaPolicies.noTargets')}</Text>
          ) : (
            <Group gap="lg" style={{ rowGap: 2 }} data-targets>
              {withTargets.map((priority) => {
                const target = policy.targets[priority];
                return (
                  <Text size="sm" key={priority} data-priority={priority}>
                    <Text span fw={600} inherit>
                      {t(`priority.${priority}`)}
                    </Text>{' '}
                    {targetPair(target)}
                    {target?.nextResponseMinutes ? (
                      <Text span c="dimmed" inherit>
                        {' '}
                        {t('admin.slaPolicies.nextReply', { time: formatMinutes(target.nextResponseMinutes) })}
                      </Text>
                    ) : null}
                  </Text>
                );
              })}
            </Group>
          )}
          {policy.escalations.length > 0 && (
            <Stack gap={2} mt={6} data-escalations>
              <Text size="xs" c="dimmed">
                {t('admin.slaPolicies.escalations')}
              </Text>
              {policy.escalations.map((rule, index) => (
                <Text size="sm" key={index}>
                  {describeEscalation(rule, names)}
                </Text>
              ))}
            </Stack>
          )}
          {phone && <Box mt="xs">{actions}</Box>}
        </Stack>
      </Group>
    </Paper>
  );
}
