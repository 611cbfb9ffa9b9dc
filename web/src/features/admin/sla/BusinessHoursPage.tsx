import { Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error';
import { slaApi, slaKeys, type BusinessCalendarDto } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ResourcePage } from '../../../ui/ResourcePage';
import { useScreenAtMost } from '../../../ui/use-screen-at-most';
import { RowActions } from '../RowActions';
import { holidayCountText } from './calendar-draft';
import { CalendarCards } from './CalendarCards';
import { CalendarDrawer } from './CalendarDrawer';
import { allOf } from './sla-words';
import { toast } from './sla-toast';
import { WeekSummary } from './WeekSummary';

/** Business calendars: when SLA clocks run (time zone, opening hours per weekday, holidays). */
export function BusinessHoursPage() {
  const client = useQueryClient();
  const calendars = useQuery({ queryKey: slaKeys.calendars, queryFn: slaApi.calendars });
  const policies = useQuery({ queryKey: slaKeys.policies, queryFn: slaApi.policies });
  // Under 36em a table would hide its last columns past the edge; cards show everything.
  const phone = useScreenAtMost('xs');
  const [editing, setEditing] = useState<BusinessCalendarDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<BusinessCalendarDto | null>(null);
  const usedBy = (calendar: BusinessCalendarDto) =>
    (policies.data ?? []).filter((policy) => policy.calendarId === calendar.id).map((policy) => policy.name);

  const describeDeleteError = (error: unknown) => {
    if (!(error instanceof ApiError) || error.code !== 'conflict' || !deleting) return errorMessage(error);
    const names = usedBy(deleting);
    return names.length > 0
      ? t('admin.businessHours.inUseByPolicies', { name: deleting.name, policies: allOf(names), count: names.length })
      : t('admin.businessHours.inUseByClocks', { name: deleting.name });
  };
  const remove = async () => {
    if (!deleting) return;
    try {
      await slaApi.deleteCalendar(deleting.id);
    } finally {
      // Refused or not, the lists may have moved on (a policy now uses it): show what is true.
      await Promise.all([
        client.invalidateQueries({ queryKey: slaKeys.calendars }),
        client.invalidateQueries({ queryKey: slaKeys.policies }),
      ]);
    }
    toast('teal', t('admin.businessHours.deleted', { name: deleting.name }));
  };

  const action = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      {t('admin.businessHours.new')}
    </Button>
  );
  return (
    <>
      {phone ? (
        <CalendarCards
          calendars={calendars}
          action={action}
          usedBy={usedBy}
          onEdit={setEditing}
          onDelete={setDeleting}
        />
      ) : (
        <ResourcePage<BusinessCalendarDto>
          title={t('admin.businessHours')}
          description={t('admin.businessHours.hint')}
          action={action}
          query={calendars}
          rowKey={(calendar) => calendar.id}
          emptyTitle={t('admin.businessHours.empty')}
          emptyBody={t('admin.businessHours.emptyBody')}
          columns={[
            {
              key: 'name',
              label: t('common.name'),
              render: (calendar) => (
                <Text fw={600} size="sm">
                  {calendar.name}
                </Text>
              ),
            },
            { key: 'timeZone', label: t('admin.businessHours.timeZone'), render: (calendar) => calendar.timeZone },
            {
              key: 'week',
              label: t('admin.businessHours.week'),
              render: (calendar) => <WeekSummary hours={calendar.hours} />,
            },
            {
              key: 'holidays',
              label: t('admin.businessHours.holidays'),
              render: (calendar) => holidayCountText(calendar.holidays.length),
            },
            {
              key: 'usedBy',
              label: t('admin.businessHours.usedBy'),
              render: (calendar) => {
                const names = usedBy(calendar);
                return names.length > 0 ? (
                  allOf(names)
                ) : (
                  <Text c="dimmed" size="sm">
                    {t('admin.businessHours.unused')}
                  </Text>
                );
              },
            },
            {
              key: 'actions',
              label: t('common.actions'),
              render: (calendar) => (
                <RowActions
                  editLabel={t('admin.businessHours.editNamed', { name: calendar.name })}
                  deleteLabel={t('admin.businessHours.deleteNamed', { name: calendar.name })}
                  onEdit={() => setEditing(calendar)}
                  onDelete={() => setDeleting(calendar)}
                />
              ),
            },
          ]}
        />
      )}
      <CalendarDrawer editing={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        question={
          deleting && {
            title: t('admin.businessHours.deleteTitle', { name: deleting.name }),
            body: t('admin.businessHours.deleteBody'),
          }
        }
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={remove}
        describeError={describeDeleteError}
      />
    </>
  );
}
