import { Checkbox, Group, NumberInput, Stack, Text } from '@mantine/core';
import type { SlaPolicyDto } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import { pausableStatuses, type PolicyDraft, type PolicyProblems } from './policy-draft';

interface PolicyClockSettingsProps {
  draft: PolicyDraft;
  policy: SlaPolicyDto | null;
  problems: PolicyProblems;
  onChange: (patch: Partial<PolicyDraft>) => void;
}

/** How the clocks behave: when they warn, which statuses stop them, and the escalation rules kept as they are. */
export function PolicyClockSettings({ draft, policy, problems, onChange }: PolicyClockSettingsProps) {
  const escalations = policy?.escalations.length ?? 0;
  return (
    <Stack gap="md">
      <NumberInput
        label={t('admin.slaPolicies.warningPercent')}
        description={t('admin.slaPolicies.warningPercentHint')}
        min={1}
        max={99}
        suffix="%"
        maw={{ base: '100%', xs: 360 }}
        value={draft.warningPercent}
        onChange={(warningPercent) => onChange({ warningPercent })}
        error={problems.warningPercent}
      />
      <Checkbox.Group
        label={t('admin.slaPolicies.pausing')}
        description={t('admin.slaPolicies.pausingHint')}
        value={draft.pausingStatuses}
        onChange={(pausingStatuses) => onChange({ pausingStatuses })}
      >
        <Group gap="lg" mt={6}>
          {pausableStatuses.map((status) => (
            <Checkbox key={status} value={status} label={t(`status.${status}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      {escalations > 0 && (
        <Text size="sm" c="dimmed">
          {t(escalations === 1 ? 'admin.slaPolicies.escalationsKept.one' : 'admin.slaPolicies.escalationsKept.other', {
            count: escalations,
          })}
        </Text>
      )}
    </Stack>
  );
}
