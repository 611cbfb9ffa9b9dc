import { Box, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { BusinessCalendarDto } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorState } from '../../../ui/ErrorState';
import { PageHeading } from '../../../ui/PageHeading';
import { RowActions } from '../RowActions';
import { holidayCountText } from './calendar-draft';
import { allOf } from './sla-words';
import { WeekSummary } from './WeekSummary';

interface CalendarCardsProps {
  calendars: UseQueryResult<BusinessCalendarDto[]>;
  action: ReactNode;
  usedBy: (calendar: BusinessCalendarDto) => string[];
  onEdit: (calendar: BusinessCalendarDto) => void;
  onDelete: (calendar: BusinessCalendarDto) => void;
}

/** The business hours on a phone: one card each, so nothing hides past the right edge of a table. */
export function CalendarCards({ calendars, action, usedBy, onEdit, onDelete }: CalendarCardsProps) {
  const fact = (label: string, value: ReactNode) => (
    <Text size="sm">
      <Text span c="dimmed" inherit>
        {label}:{' '}
      </Text>
      {value}
    </Text>
  );
  return (
    <Stack p="md" gap="md">
      <PageHeading title={t('admin.businessHours')} description={t('admin.businessHours.hint')} />
      <Group>{action}</Group>
      {calendars.isError && (
        <ErrorState error={calendars.error} onRetry={() => void calendars.refetch()} retryLabel={t('common.retry')} />
      )}
      {calendars.isPending && <Skeleton height={120} />}
      {calendars.data?.length === 0 && (
        <Paper withBorder>
          <EmptyState title={t('admin.businessHours.empty')} body={t('admin.businessHours.emptyBody')} />
        </Paper>
      )}
      {calendars.data?.map((calendar) => {
        const names = usedBy(calendar);
        return (
          <Paper
            key={calendar.id}
            withBorder
            p="md"
            radius="md"
            component="section"
            aria-labelledby={`business-hours-${calendar.id}`}
          >
            <Stack gap={4}>
              <Text component="h2" fw={600} size="md" m={0} id={`business-hours-${calendar.id}`}>
                {calendar.name}
              </Text>
              {fact(t('admin.businessHours.timeZone'), calendar.timeZone)}
              {fact(t('admin.businessHours.week'), <WeekSummary hours={calendar.hours} />)}
              {fact(t('admin.businessHours.holidays'), holidayCountText(calendar.holidays.length))}
              {fact(t('admin.businessHours.usedBy'), names.length > 0 ? allOf(names) : t('admin.businessHours.unused'))}
              <Box mt="xs">
                <RowActions
                  editLabel={t('admin.businessHours.editNamed', { name: calendar.name })}
                  deleteLabel={t('admin.businessHours.deleteNamed', { name: calendar.name })}
                  onEdit={() => onEdit(calendar)}
                  onDelete={() => onDelete(calendar)}
                  editVariant="default"
                />
              </Box>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
