import { Alert, Anchor, Select, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { slaApi, slaKeys, type SlaPolicyBody, type SlaPolicyDto } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import { DueTimePreview } from './DueTimePreview';
import { EditorDrawer } from './EditorDrawer';
import { EscalationsEditor } from './EscalationsEditor';
import { FormActions } from './FormActions';
import { FormAlerts } from './FormAlerts';
import { FormSection } from './FormSection';
import { PolicyClockSettings } from './PolicyClockSettings';
import { PolicyConditionsFields } from './PolicyConditionsFields';
import {
  bodyOfPolicy,
  draftOfPolicy,
  emptyPolicyDraft,
  policyProblems,
  targetsOfDraft,
  type PolicyDraft,
  type PolicyProblems,
} from './policy-draft';
import { refusedPolicyFields } from './refused-fields';
import { toast } from './sla-toast';
import { TargetsEditor } from './TargetsEditor';
import { useCheckedSubmit } from './use-checked-submit';
import { useSlaLookups } from './use-sla-lookups';

interface PolicyDrawerProps {
  /** The policy being edited, "new" for a new one, or null when closed. */
  editing: SlaPolicyDto | 'new' | null;
  onClose: () => void;
}

export function PolicyDrawer({ editing, onClose }: PolicyDrawerProps) {
  const [saving, setSaving] = useState(false);
  return (
    <EditorDrawer
      editing={editing}
      onClose={onClose}
      newTitle={t('admin.slaPolicies.new')}
      editTitle={(policy) => t('admin.slaPolicies.editTitle', { name: policy.name })}
      width={680}
      // Saving recomputes every open clock on the server; the drawer stays until the answer is in.
      locked={saving}
    >
      {(policy) => <PolicyForm policy={policy} onDone={onClose} onSaving={setSaving} />}
    </EditorDrawer>
  );
}

function PolicyForm({
  policy,
  onDone,
  onSaving,
}: {
  policy: SlaPolicyDto | null;
  onDone: () => void;
  onSaving: (saving: boolean) => void;
}) {
  const client = useQueryClient();
  const lookups = useSlaLookups();
  const firstCalendar = lookups.calendars.data?.[0]?.id ?? null;
  const [draft, setDraft] = useState<PolicyDraft>(() =>
    policy ? draftOfPolicy(policy) : emptyPolicyDraft(firstCalendar),
  );
  const save = useMutation({
    mutationFn: (body: SlaPolicyBody) => (policy ? slaApi.updatePolicy(policy.id, body) : slaApi.createPolicy(body)),
    onMutate: () => onSaving(true),
    onSettled: () => onSaving(false),
    onSuccess: async (saved) => {
      toast('teal', t('admin.slaPolicies.saved', { name: saved.name }));
      await client.invalidateQueries({ queryKey: slaKeys.policies });
      onDone();
    },
  });
  const change = (patch: Partial<PolicyDraft>) => setDraft((before) => ({ ...before, ...patch }));
  // The calendar list may arrive after the drawer opened: a new policy then takes the first business hours.
  const calendarId = draft.calendarId ?? (firstCalendar === null ? null : String(firstCalendar));
  const ready = { ...draft, calendarId };
  const { problems: ownProblems, submit } = useCheckedSubmit(policyProblems(ready), () =>
    save.mutate(bodyOfPolicy(ready)),
  );
  const problems: PolicyProblems = { ...refusedPolicyFields(save.error), ...ownProblems };
  const calendar = calendarId ? lookups.calendarById.get(Number(calendarId)) : undefined;
  const targets = targetsOfDraft(draft);
  const noCalendars = lookups.calendars.isSuccess && lookups.calendars.data.length === 0;

  return (
    <form onSubmit={submit} noValidate aria-label={t('admin.slaPolicies.formLabel')}>
      {/* A disabled fieldset freezes every field while the server recomputes. */}
      <fieldset disabled={save.isPending} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="lg">
          <FormAlerts
            saveError={save.error}
            problemsSummary={Object.keys(ownProblems).length > 0 ? t('admin.slaPolicies.error.summary') : null}
          />
          <Stack gap="sm">
            <TextInput
              label={t('common.name')}
              placeholder={t('admin.slaPolicies.namePlaceholder')}
              required
              data-autofocus
              maxLength={200}
              value={draft.name}
              onChange={(event) => change({ name: event.currentTarget.value })}
              error={problems.name}
            />
            <Textarea
              label={t('common.description')}
              autosize
              minRows={1}
              maxLength={2000}
              value={draft.description}
              onChange={(event) => change({ description: event.currentTarget.value })}
            />
            <Switch
              label={t('admin.slaPolicies.active')}
              description={t('admin.slaPolicies.activeHint')}
              checked={draft.isActive}
              onChange={(event) => change({ isActive: event.currentTarget.checked })}
            />
          </Stack>

          <FormSection title={t('admin.slaPolicies.conditions')} hint={t('admin.slaPolicies.conditionsHint')}>
            <PolicyConditionsFields draft={draft} options={lookups.options} onChange={change} />
          </FormSection>

          <Stack gap="xs">
            <Select
              label={t('admin.slaPolicies.calendar')}
              description={t('admin.slaPolicies.calendarHint')}
              required
              data={lookups.options.calendars}
              value={calendarId}
              allowDeselect={false}
              onChange={(value) => change({ calendarId: value })}
              error={problems.calendarId}
            />
            {noCalendars && (
              <Alert variant="light" color="orange">
                {t('admin.slaPolicies.noCalendars')}{' '}
                <Anchor component={Link} to="/admin/business-hours">
                  {t('admin.slaPolicies.goToBusinessHours')}
                </Anchor>
              </Alert>
            )}
          </Stack>

          <FormSection title={t('admin.slaPolicies.targets')} hint={t('admin.slaPolicies.targetsHint')}>
            <TargetsEditor
              targets={draft.targets}
              problems={problems}
              onChange={(priority, metric, text) =>
                setDraft((before) => ({
                  ...before,
                  targets: { ...before.targets, [priority]: { ...before.targets[priority], [metric]: text } },
                }))
              }
            />
          </FormSection>

          <FormSection title={t('admin.slaPolicies.clocks')}>
            <PolicyClockSettings draft={draft} problems={problems} onChange={change} />
          </FormSection>

          <FormSection title={t('admin.slaPolicies.escalations')} hint={t('admin.slaPolicies.escalationsHint')}>
            <EscalationsEditor
              rules={draft.escalations}
              problems={problems}
              options={lookups.options}
              onChange={(escalations) => change({ escalations })}
            />
          </FormSection>

          <FormSection title={t('admin.slaPolicies.previewTitle')} hint={t('admin.slaPolicies.previewHint')}>
            {/* Keyed by what it shows: a change to the targets or hours clears an answer that no longer holds. */}
            <DueTimePreview key={`${calendarId}:${JSON.stringify(targets)}`} targets={targets} calendar={calendar} />
          </FormSection>

          <FormActions
            isNew={!policy}
            saving={save.isPending}
            savingText={t('admin.slaPolicies.saving')}
            onCancel={onDone}
          />
        </Stack>
      </fieldset>
    </form>
  );
}
