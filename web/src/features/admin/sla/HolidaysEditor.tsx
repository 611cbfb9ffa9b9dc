import { ActionIcon, Button, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { t } from '../../../i18n/translate';
import { holidayKey, maxHolidays, maxNameLength, type CalendarProblems, type HolidayDraft } from './calendar-draft';
import { formatLocalDate } from './sla-words';

interface HolidaysEditorProps {
  holidays: HolidayDraft[];
  problems: CalendarProblems;
  onChange: (holidays: HolidayDraft[]) => void;
}

/** Days the desk is closed all day: a date, a name, and whether it comes back every year. */
export function HolidaysEditor({ holidays, problems, onChange }: HolidaysEditorProps) {
  const set = (key: number, patch: Partial<HolidayDraft>) =>
    onChange(holidays.map((holiday) => (holiday.key === key ? { ...holiday, ...patch } : holiday)));
  return (
    <Stack gap="xs">
      {holidays.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.businessHours.noHolidays')}
        </Text>
      )}
      {holidays.map((holiday, index) => {
        const which =
          holiday.name.trim() ||
          (holiday.date
            ? formatLocalDate(holiday.date)
            : t('admin.businessHours.holidayNumber', { number: index + 1 }));
        return (
          <Paper
            key={holiday.key}
            withBorder
            p="xs"
            radius="md"
            role="group"
            aria-label={t('admin.businessHours.holidayNumber', { number: index + 1 })}
          >
            <Group gap="sm" align="flex-start" wrap="wrap">
              <TextInput
                type="date"
                w={{ base: '100%', xs: 160 }}
                label={t('admin.businessHours.holidayDate')}
                value={holiday.date}
                onChange={(event) => set(holiday.key, { date: event.currentTarget.value })}
                error={problems[`holiday.${holiday.key}`]}
                required
              />
              <TextInput
                style={{ flex: '1 1 160px' }}
                label={t('admin.businessHours.holidayName')}
                placeholder={t('admin.businessHours.holidayNamePlaceholder')}
                value={holiday.name}
                maxLength={maxNameLength}
                onChange={(event) => set(holiday.key, { name: event.currentTarget.value })}
              />
              {/* Level with the inputs beside it (under their labels); on a phone, a row of its own. */}
              <Group
                gap="xs"
                wrap="nowrap"
                h={36}
                mt={{ base: 0, xs: 25 }}
                justify="space-between"
                w={{ base: '100%', xs: 'auto' }}
              >
                <Checkbox
                  label={t('admin.businessHours.everyYear')}
                  checked={holiday.recurring}
                  onChange={(event) => set(holiday.key, { recurring: event.currentTarget.checked })}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  aria-label={t('admin.businessHours.removeHoliday', { which })}
                  onClick={() => onChange(holidays.filter((other) => other.key !== holiday.key))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
          </Paper>
        );
      })}
      {holidays.length < maxHolidays && (
        <Button
          variant="default"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => onChange([...holidays, { key: holidayKey(), date: '', name: '', recurring: false }])}
        >
          {t('admin.businessHours.addHoliday')}
        </Button>
      )}
    </Stack>
  );
}
