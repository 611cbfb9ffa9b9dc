import { validateBusinessCalendar, weekdays, type Weekday } from '../../../../../shared/business-time';
import type { BusinessCalendarBody, BusinessCalendarDto } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import { weekdayName } from './sla-words';

/** One open interval as the form holds it: wall times "HH:MM"; "00:00" as a closing time means midnight. */
export interface OpenInterval {
  start: string;
  end: string;
}

export interface HolidayDraft {
  /** Stable React key for a row that has no id of its own. */
  key: number;
  date: string;
  name: string;
  recurring: boolean;
}

export interface CalendarDraft {
  name: string;
  timeZone: string;
  aroundTheClock: boolean;
  /** A day with no interval is closed. */
  days: Record<Weekday, OpenInterval[]>;
  holidays: HolidayDraft[];
}

/** The schema's limits (shared/schemas/sla.ts). */
export const maxIntervalsPerDay = 12;
export const maxHolidays = 1000;
export const maxNameLength = 200;

export const officeHours: OpenInterval = { start: '09:00', end: '17:00' };

let nextKey = 1;
export const holidayKey = () => nextKey++;

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function emptyCalendarDraft(): CalendarDraft {
  const days = Object.fromEntries(
    weekdays.map((day) => [day, ['saturday', 'sunday'].includes(day) ? [] : [{ ...officeHours }]]),
  ) as CalendarDraft['days'];
  return { name: '', timeZone: browserTimeZone(), aroundTheClock: false, days, holidays: [] };
}

// The API says 24:00 for midnight at the end of a day; a time field can only show 00:00.
const toField = (time: string) => (time === '24:00' ? '00:00' : time);
const toApi = (time: string) => (time === '00:00' ? '24:00' : time);

export function draftOfCalendar(calendar: BusinessCalendarDto): CalendarDraft {
  const hours = calendar.hours;
  const days = Object.fromEntries(
    weekdays.map((day) => [
      day,
      hours === '24x7' ? [] : (hours[day] ?? []).map((range) => ({ start: range.start, end: toField(range.end) })),
    ]),
  ) as CalendarDraft['days'];
  if (hours === '24x7')
    for (const day of weekdays) if (!['saturday', 'sunday'].includes(day)) days[day] = [{ ...officeHours }];
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    aroundTheClock: hours === '24x7',
    days,
    holidays: calendar.holidays.map((holiday) => ({
      key: holidayKey(),
      date: holiday.date,
      name: holiday.name ?? '',
      recurring: holiday.recurring,
    })),
  };
}

export function bodyOfCalendar(draft: CalendarDraft): BusinessCalendarBody {
  const hours: BusinessCalendarBody['hours'] = draft.aroundTheClock
    ? '24x7'
    : Object.fromEntries(
        weekdays
          .filter((day) => draft.days[day].length > 0)
          .map((day) => [day, draft.days[day].map((range) => ({ start: range.start, end: toApi(range.end) }))]),
      );
  return {
    name: draft.name.trim(),
    timeZone: draft.timeZone,
    hours,
    holidays: draft.holidays.map((holiday) => ({
      date: holiday.date,
      recurring: holiday.recurring,
      ...(holiday.name.trim() ? { name: holiday.name.trim() } : {}),
    })),
  };
}

/** Problems keyed by field: "name", "timeZone", "hours", "monday.0", "holiday.<key>". */
export type CalendarProblems = Record<string, string>;

const wallTime = /^([01]\d|2[0-3]):[0-5]\d$/;
const localDate = /^\d{4}-\d{2}-\d{2}$/;

/** The server's rules, checked before sending so each problem can be shown beside its field. */
export function calendarProblems(draft: CalendarDraft): CalendarProblems {
  const problems: CalendarProblems = {};
  if (!draft.name.trim()) problems.name = t('admin.businessHours.error.name');
  if (!isTimeZone(draft.timeZone)) problems.timeZone = t('admin.businessHours.error.timeZone');
  if (!draft.aroundTheClock) {
    let open = 0;
    for (const day of weekdays) {
      draft.days[day].forEach((range, index) => {
        open += 1;
        if (!wallTime.test(range.start) || !wallTime.test(range.end))
          problems[`${day}.${index}`] = t('admin.businessHours.error.time');
        else if (range.start === toApi(range.end))
          problems[`${day}.${index}`] = t('admin.businessHours.error.emptyRange');
      });
    }
    if (open === 0) problems.hours = t('admin.businessHours.error.noHours');
  }
  for (const holiday of draft.holidays) {
    if (!localDate.test(holiday.date) || Number.isNaN(Date.parse(holiday.date)))
      problems[`holiday.${holiday.key}`] = t('admin.businessHours.error.holidayDate');
  }
  if (Object.keys(problems).length === 0) {
    try {
      validateBusinessCalendar(bodyOfCalendar(draft) as Parameters<typeof validateBusinessCalendar>[0]);
    } catch {
      problems.hours = t('admin.businessHours.error.unusable');
    }
  }
  return problems;
}

export function isTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const sameRanges = (a: readonly OpenInterval[], b: readonly OpenInterval[]) =>
  a.length === b.length && a.every((range, index) => range.start === b[index]!.start && range.end === b[index]!.end);

/** ["Mon–Fri 09:00–17:00", "Sat 10:00–14:00"]: consecutive days with the same hours are grouped. */
export function weekParts(hours: BusinessCalendarDto['hours']): string[] {
  if (hours === '24x7') return [t('admin.businessHours.aroundTheClock')];
  const groups: { from: Weekday; to: Weekday; ranges: OpenInterval[] }[] = [];
  for (const day of weekdays) {
    const ranges = hours[day] ?? [];
    if (ranges.length === 0) continue;
    const last = groups.at(-1);
    const previousDay = weekdays[weekdays.indexOf(day) - 1];
    if (last && last.to === previousDay && sameRanges(last.ranges, ranges)) last.to = day;
    else groups.push({ from: day, to: day, ranges });
  }
  if (groups.length === 0) return [t('admin.businessHours.alwaysClosed')];
  return groups.map((group) => {
    const days =
      group.from === group.to ? weekdayName(group.from) : `${weekdayName(group.from)}–${weekdayName(group.to)}`;
    return `${days} ${group.ranges.map((range) => `${range.start}–${range.end}`).join(', ')}`;
  });
}

/** "None", "1 holiday", "3 holidays". */
export function holidayCountText(count: number): string {
  if (count === 0) return t('admin.businessHours.holidayCount.none');
  return t(count === 1 ? 'admin.businessHours.holidayCount.one' : 'admin.businessHours.holidayCount.other', { count });
}

let zoneOptions: { value: string; label: string }[] | null = null;

/** Every IANA zone the browser knows, with its offset now: "Europe/Berlin (GMT+1)". Built once. */
export function timeZoneOptions(including: string): { value: string; label: string }[] {
  if (!zoneOptions) {
    // Browsers from before 2022 cannot list their zones; they still offer UTC and the calendar's own.
    const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
    zones.add('UTC');
    const now = Date.now();
    zoneOptions = [...zones].sort().map((zone) => {
      const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
        .formatToParts(now)
        .find((part) => part.type === 'timeZoneName')?.value;
      return { value: zone, label: offset ? `${zone.replaceAll('_', ' ')} (${offset})` : zone.replaceAll('_', ' ') };
    });
  }
  // A calendar saved with a zone this browser lists under another name still shows its own.
  return including && !zoneOptions.some((option) => option.value === including)
    ? [{ value: including, label: including }, ...zoneOptions]
    : zoneOptions;
}
