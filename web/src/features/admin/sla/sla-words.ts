import type { Weekday } from '../../../../../shared/business-time';
import { currentLocale, t, type MessageKey } from '../../../i18n/translate';

/** The API's bounds for a target: whole minutes, 1 minute to 365 days (shared/schemas/sla.ts). */
export const maxTargetMinutes = 525_600;

/**
 * A target in business minutes in the desk's units ("35m", "2h 10m", "3d 4h"), but exact: the desk rounds a running
 * clock to what matters at a glance, a target shows every minute it holds ("10h 30m", "1d 2h 30m").
 */
export function formatMinutes(minutes: number): string {
  const parts = [
    [Math.floor(minutes / 1440), 'd'],
    [Math.floor((minutes % 1440) / 60), 'h'],
    [minutes % 60, 'm'],
  ] as const;
  return parts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount}${unit}`).join(' ') || '0m';
}

export type DurationProblem = 'negative' | 'unit' | 'unreadable' | 'zero' | 'tooLong';
export type ParsedDuration = { minutes: number | null } | { problem: DurationProblem };

const unitMinutes: Record<string, number> = { d: 1440, h: 60, m: 1 };
const token = /(\d+(?:[.,]\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)(?![a-z])/giy;

/**
 * What an admin types for a target: "30m", "4h", "1h 30m", "1.5h", "2d" (a day is 24 hours of business time, the
 * way the desk counts clocks). Empty means "no target". A bare number is refused rather than guessed at.
 */
export function parseDuration(text: string): ParsedDuration {
  const value = text.trim().toLowerCase();
  if (value === '') return { minutes: null };
  if (value.startsWith('-')) return { problem: 'negative' };
  if (/^\d+([.,]\d+)?$/.test(value)) return { problem: 'unit' };
  let total = 0;
  let position = 0;
  token.lastIndex = 0;
  while (position < value.length) {
    while (value[position] === ' ') position += 1;
    if (position >= value.length) break;
    token.lastIndex = position;
    const match = token.exec(value);
    if (!match) return { problem: 'unreadable' };
    total += Number(match[1]!.replace(',', '.')) * unitMinutes[match[2]![0]!]!;
    position = token.lastIndex;
  }
  const minutes = Math.round(total);
  if (minutes < 1) return { problem: 'zero' };
  if (minutes > maxTargetMinutes) return { problem: 'tooLong' };
  return { minutes };
}

const durationProblems: Record<DurationProblem, MessageKey> = {
  negative: 'admin.slaPolicies.duration.negative',
  unit: 'admin.slaPolicies.duration.unit',
  unreadable: 'admin.slaPolicies.duration.unreadable',
  zero: 'admin.slaPolicies.duration.zero',
  tooLong: 'admin.slaPolicies.duration.tooLong',
};

export function durationProblemText(problem: DurationProblem): string {
  return t(durationProblems[problem]);
}

// 1 January 2024 was a Monday: day i of the week is 2024-01-(1 + i).
const weekdayIndex: Record<Weekday, number> = {
  monday: 0,
  tuesday: 1,
  wednesday: 2,
  thursday: 3,
  friday: 4,
  saturday: 5,
  sunday: 6,
};

/** "Mon" / "Monday" in the person's language. */
export function weekdayName(weekday: Weekday, width: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(currentLocale(), { weekday: width, timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1 + weekdayIndex[weekday]),
  );
}

/**
 * A holiday's local date ("25 Dec 2026"). A calendar date has no time zone, so it is formatted as the date it
 * is; i18n/format.ts formats instants in the viewer's zone, which would move a date by a day west of UTC.
 */
export function formatLocalDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
}

/** "Urgent or High", in the person's language. */
export function eitherOf(values: string[]): string {
  return new Intl.ListFormat(currentLocale(), { type: 'disjunction' }).format(values);
}

/** "Standard and VIP". */
export function allOf(values: string[]): string {
  return new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(values);
}
