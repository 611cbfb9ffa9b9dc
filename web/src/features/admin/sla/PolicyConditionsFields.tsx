import { MultiSelect, SimpleGrid } from '@mantine/core';
import { t } from '../../../i18n/translate';
import { prioritiesByUrgency, ticketChannels, ticketTypes, type PolicyDraft } from './policy-draft';

type Option = { value: string; label: string };

interface PolicyConditionsFieldsProps {
  draft: PolicyDraft;
  options: { teams: Option[]; categories: Option[]; organizations: Option[] };
  onChange: (patch: Partial<PolicyDraft>) => void;
}

/** Keeps a chosen id that is gone from the list (a deleted team) visible, so saving does not drop it unseen. */
function withChosen(options: Option[], chosen: string[]): Option[] {
  const missing = chosen.filter((value) => !options.some((option) => option.value === value));
  return [...options, ...missing.map((value) => ({ value, label: t('admin.slaPolicies.unknown', { id: value }) }))];
}

/** What a ticket must be for the policy to apply: each list, when filled in, must contain the ticket's value. */
export function PolicyConditionsFields({ draft, options, onChange }: PolicyConditionsFieldsProps) {
  const any = t('admin.slaPolicies.any');
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
      <MultiSelect
        label={t('admin.slaPolicies.condition.priorities')}
        placeholder={any}
        data={prioritiesByUrgency.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
        value={draft.priorities}
        onChange={(priorities) => onChange({ priorities })}
      />
      <MultiSelect
        label={t('admin.slaPolicies.condition.types')}
        placeholder={any}
        data={ticketTypes.map((type) => ({ value: type, label: t(`type.${type}`) }))}
        value={draft.types}
        onChange={(types) => onChange({ types })}
      />
      <MultiSelect
        label={t('admin.slaPolicies.condition.teams')}
        placeholder={any}
        searchable
        data={withChosen(options.teams, draft.teamIds)}
        value={draft.teamIds}
        onChange={(teamIds) => onChange({ teamIds })}
      />
      <MultiSelect
        label={t('admin.slaPolicies.condition.categories')}
        placeholder={any}
        searchable
        data={withChosen(options.categories, draft.categoryIds)}
        value={draft.categoryIds}
        onChange={(categoryIds) => onChange({ categoryIds })}
      />
      <MultiSelect
        label={t('admin.slaPolicies.condition.organizations')}
        placeholder={any}
        searchable
        data={withChosen(options.organizations, draft.organizationIds)}
        value={draft.organizationIds}
        onChange={(organizationIds) => onChange({ organizationIds })}
      />
      <MultiSelect
        label={t('admin.slaPolicies.condition.channels')}
        placeholder={any}
        data={ticketChannels.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
        value={draft.channels}
        onChange={(channels) => onChange({ channels })}
      />
    </SimpleGrid>
  );
}
