import { Checkbox, Group, NumberInput, Stack } from '@mantine/core';
import { t } from '../../../i18n/translate';
import { pausableStatuses, type PolicyDraft, type PolicyProblems } from './policy-draft';

interface PolicyClockSettingsProps {
  draft: PolicyDraft;
  problems: PolicyProblems;
  onChange: (patch: Partial<PolicyDraft>) => void;
}

/** How the clocks behave: when they warn and which statuses stop them. */
export function PolicyClockSettings({ draft, problems, onChange }: PolicyClockSettingsProps) {
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
    </Stack>
  );
}
