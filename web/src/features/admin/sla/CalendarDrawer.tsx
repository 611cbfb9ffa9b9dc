import { Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { slaApi, slaKeys, type BusinessCalendarDto } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import {
  bodyOfCalendar,
  calendarProblems,
  draftOfCalendar,
  emptyCalendarDraft,
  maxNameLength,
  timeZoneOptions,
  type CalendarDraft,
} from './calendar-draft';
import { EditorDrawer } from './EditorDrawer';
import { FormActions } from './FormActions';
import { FormAlerts } from './FormAlerts';
import { FormSection } from './FormSection';
import { HolidaysEditor } from './HolidaysEditor';
import { refusedAt, refusedFields } from './refused-fields';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';
import { toast } from './sla-toast';
import { useCheckedSubmit } from './use-checked-submit';

interface CalendarDrawerProps {
  /** The calendar being edited, "new" for a new one, or null when closed. */
  editing: BusinessCalendarDto | 'new' | null;
  onClose: () => void;
}

export function CalendarDrawer({ editing, onClose }: CalendarDrawerProps) {
  return (
    <EditorDrawer
      editing={editing}
      onClose={onClose}
      newTitle={t('admin.businessHours.new')}
      editTitle={(calendar) => t('admin.businessHours.editTitle', { name: calendar.name })}
      width={640}
    >
      {(calendar) => <CalendarForm calendar={calendar} onDone={onClose} />}
    </EditorDrawer>
  );
}

function CalendarForm({ calendar, onDone }: { calendar: BusinessCalendarDto | null; onDone: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<CalendarDraft>(() =>
    calendar ? draftOfCalendar(calendar) : emptyCalendarDraft(),
  );
  const zones = useMemo(() => timeZoneOptions(draft.timeZone), [draft.timeZone]);
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof bodyOfCalendar>) =>
      calendar ? slaApi.updateCalendar(calendar.id, body) : slaApi.createCalendar(body),
    onSuccess: async (saved) => {
      toast('teal', t('admin.businessHours.saved', { name: saved.name }));
      await client.invalidateQueries({ queryKey: slaKeys.calendars });
      onDone();
    },
  });
  const change = (patch: Partial<CalendarDraft>) => setDraft((before) => ({ ...before, ...patch }));
  const { problems, submit } = useCheckedSubmit(calendarProblems(draft), () => save.mutate(bodyOfCalendar(draft)));
  const refused = refusedFields(save.error);
  const serverProblem = (field: string) => refusedAt(refused, field);

  return (
    <form onSubmit={submit} noValidate aria-label={t('admin.businessHours.formLabel')}>
      <Stack gap="md">
        <FormAlerts
          saveError={save.error}
          problemsSummary={Object.keys(problems).length > 0 ? t('admin.businessHours.error.summary') : null}
        />
        <TextInput
          label={t('common.name')}
          placeholder={t('admin.businessHours.namePlaceholder')}
          required
          data-autofocus
          maxLength={maxNameLength}
          value={draft.name}
          onChange={(event) => change({ name: event.currentTarget.value })}
          error={problems.name ?? serverProblem('name')}
        />
        <Select
          label={t('admin.businessHours.timeZone')}
          description={t('admin.businessHours.timeZoneHint')}
          required
          searchable
          limit={60}
          nothingFoundMessage={t('admin.businessHours.noTimeZone')}
          data={zones}
          value={draft.timeZone}
          allowDeselect={false}
          onChange={(value) => value && change({ timeZone: value })}
          error={problems.timeZone ?? serverProblem('timeZone')}
        />
        <FormSection title={t('admin.businessHours.openingHours')}>
          <Stack gap="sm">
            <Switch
              label={t('admin.businessHours.aroundTheClock')}
              description={t('admin.businessHours.aroundTheClockHint')}
              checked={draft.aroundTheClock}
              onChange={(event) => change({ aroundTheClock: event.currentTarget.checked })}
            />
            {!draft.aroundTheClock && (
              <>
                <Text size="sm" c="dimmed">
                  {t('admin.businessHours.hoursHint')}
                </Text>
                <WeeklyHoursEditor days={draft.days} problems={problems} onChange={(days) => change({ days })} />
              </>
            )}
            {(problems.hours ?? serverProblem('hours')) && (
              <Text c="red" size="sm" role="alert">
                {problems.hours ?? serverProblem('hours')}
              </Text>
            )}
          </Stack>
        </FormSection>
        <FormSection title={t('admin.businessHours.holidays')} hint={t('admin.businessHours.holidaysHint')}>
          <HolidaysEditor holidays={draft.holidays} problems={problems} onChange={(holidays) => change({ holidays })} />
        </FormSection>
        {calendar && (
          <Text size="sm" c="dimmed">
            {t('admin.businessHours.recomputeHint')}
          </Text>
        )}
        <FormActions
          isNew={!calendar}
          saving={save.isPending}
          savingText={t('admin.businessHours.saving')}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
