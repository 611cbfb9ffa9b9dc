import { Alert, Button, Drawer, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/api-error';
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
import { focusFirstProblem } from './focus-first-problem';
import { FormActions } from './FormActions';
import { FormSection } from './FormSection';
import { HolidaysEditor } from './HolidaysEditor';
import { refusedAt, refusedFields } from './refused-fields';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';
import { toast } from './sla-toast';
import { usePhone } from './use-phone';

interface CalendarDrawerProps {
  /** The calendar being edited, "new" for a new one, or null when closed. */
  editing: BusinessCalendarDto | 'new' | null;
  onClose: () => void;
}

export function CalendarDrawer({ editing, onClose }: CalendarDrawerProps) {
  const phone = usePhone();
  return (
    <Drawer
      opened={editing !== null}
      onClose={onClose}
      position="right"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size={phone ? '100%' : 640}
      title={
        editing === 'new'
          ? t('admin.businessHours.new')
          : editing
            ? t('admin.businessHours.editTitle', { name: editing.name })
            : ''
      }
    >
      {/* Keyed by what is edited, so every opening starts from that calendar's saved state. */}
      {editing !== null && (
        <CalendarForm
          key={editing === 'new' ? 'new' : editing.id}
          calendar={editing === 'new' ? null : editing}
          onDone={onClose}
        />
      )}
    </Drawer>
  );
}

function CalendarForm({ calendar, onDone }: { calendar: BusinessCalendarDto | null; onDone: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<CalendarDraft>(() =>
    calendar ? draftOfCalendar(calendar) : emptyCalendarDraft(),
  );
  const [tried, setTried] = useState(false);
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
  const problems = tried ? calendarProblems(draft) : {};
  const refused = refusedFields(save.error);
  const serverProblem = (field: string) => refusedAt(refused, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(calendarProblems(draft)).length > 0) {
      focusFirstProblem(event.currentTarget as HTMLFormElement);
      return;
    }
    save.mutate(bodyOfCalendar(draft));
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('admin.businessHours.formLabel')}>
      <Stack gap="md">
        {save.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        {Object.keys(problems).length > 0 && (
          <Alert color="red" variant="light" role="alert">
            {t('admin.businessHours.error.summary')}
          </Alert>
        )}
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
          status={
            <Text size="sm" c="dimmed" ta="right" role="status">
              {save.isPending ? t('admin.businessHours.saving') : ''}
            </Text>
          }
        >
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {calendar ? t('common.save') : t('common.create')}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
