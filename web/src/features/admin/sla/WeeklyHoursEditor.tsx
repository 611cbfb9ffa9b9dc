import { ActionIcon, Button, Group, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { weekdays, type Weekday } from '../../../../../shared/business-time';
import { t } from '../../../i18n/translate';
import {
  maxIntervalsPerDay,
  officeHours,
  type CalendarDraft,
  type CalendarProblems,
  type OpenInterval,
} from './calendar-draft';
import { weekdayName } from './sla-words';

interface WeeklyHoursEditorProps {
  days: CalendarDraft['days'];
  problems: CalendarProblems;
  onChange: (days: CalendarDraft['days']) => void;
}

/** Each weekday open or closed, with one or more opening intervals. */
export function WeeklyHoursEditor({ days, problems, onChange }: WeeklyHoursEditorProps) {
  const setDay = (day: Weekday, ranges: OpenInterval[]) => onChange({ ...days, [day]: ranges });
  // A day opened again starts with the hours of the nearest open day before it, else office hours.
  const hoursToCopy = (day: Weekday): OpenInterval[] => {
    const before = weekdays
      .slice(0, weekdays.indexOf(day))
      .reverse()
      .find((other) => days[other].length > 0);
    return before ? days[before].map((range) => ({ ...range })) : [{ ...officeHours }];
  };
  const firstOpen = weekdays.find((day) => days[day].length > 0);
  const copyToWeekdays = () => {
    if (!firstOpen) return;
    const next = { ...days };
    for (const day of weekdays)
      if (day !== 'saturday' && day !== 'sunday') next[day] = days[firstOpen].map((range) => ({ ...range }));
    onChange(next);
  };

  return (
    <Stack gap="xs">
      {weekdays.map((day) => {
        const ranges = days[day];
        const open = ranges.length > 0;
        const dayName = weekdayName(day, 'long');
        return (
          <Paper key={day} withBorder p="xs" radius="md" role="group" aria-label={dayName} data-weekday={day}>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <Switch
                w={150}
                mt={6}
                label={dayName}
                checked={open}
                onChange={(event) => setDay(day, event.currentTarget.checked ? hoursToCopy(day) : [])}
                aria-label={t('admin.businessHours.openOn', { day: dayName })}
              />
              {open ? (
                <Stack gap={6} style={{ flex: '1 1 220px' }}>
                  {ranges.map((range, index) => {
                    const problem = problems[`${day}.${index}`];
                    const which =
                      ranges.length > 1
                        ? t('admin.businessHours.intervalNumber', { day: dayName, number: index + 1 })
                        : dayName;
                    const set = (patch: Partial<OpenInterval>) =>
                      setDay(
                        day,
                        ranges.map((other, at) => (at === index ? { ...other, ...patch } : other)),
                      );
                    return (
                      <Group key={index} gap={6} wrap="nowrap" align="flex-start">
                        <TextInput
                          type="time"
                          w={128}
                          aria-label={t('admin.businessHours.opens', { which })}
                          value={range.start}
                          onChange={(event) => set({ start: event.currentTarget.value })}
                          error={problem}
                        />
                        <Text mt={6} aria-hidden>
                          –
                        </Text>
                        <TextInput
                          type="time"
                          w={128}
                          aria-label={t('admin.businessHours.closes', { which })}
                          value={range.end}
                          onChange={(event) => set({ end: event.currentTarget.value })}
                          error={problem ? true : undefined}
                        />
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="lg"
                          mt={2}
                          aria-label={t('admin.businessHours.removeInterval', {
                            day: dayName,
                            start: range.start || '…',
                            end: range.end || '…',
                          })}
                          onClick={() =>
                            setDay(
                              day,
                              ranges.filter((_, at) => at !== index),
                            )
                          }
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    );
                  })}
                  {ranges.length < maxIntervalsPerDay && (
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      leftSection={<IconPlus size={14} />}
                      style={{ alignSelf: 'flex-start' }}
                      aria-label={t('admin.businessHours.addIntervalOn', { day: dayName })}
                      onClick={() =>
                        setDay(day, [...ranges, { start: ranges.at(-1)?.end ?? officeHours.start, end: '' }])
                      }
                    >
                      {t('admin.businessHours.addInterval')}
                    </Button>
                  )}
                </Stack>
              ) : (
                <Text c="dimmed" size="sm" mt={6}>
                  {t('admin.businessHours.closed')}
                </Text>
              )}
            </Group>
          </Paper>
        );
      })}
      {firstOpen && (
        <Button variant="default" size="compact-sm" style={{ alignSelf: 'flex-start' }} onClick={copyToWeekdays}>
          {t('admin.businessHours.copyToWeekdays', { day: weekdayName(firstOpen, 'long') })}
        </Button>
      )}
    </Stack>
  );
}
