import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  isWithinBusinessHours,
  weekdays,
  type BusinessCalendar,
  type BusinessHoursRange,
} from './business-time.js';

// Checks the arithmetic against a deliberately naive oracle: walk minute by minute, read the wall clock through Intl
// and ask whether that wall time falls in a range. Range boundaries stay between 04:00 and 23:30 so that no
// boundary falls in a skipped or repeated hour, where the oracle's "wall time in range" and the module's
// "first instant the clock shows it" legitimately differ (those nights have their own hand-computed cases).

const M = 60_000;
const DAY = 86_400_000;
const zones = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Chatham', 'UTC'];
/** Windows around 2026's transitions in the northern and southern hemispheres, and a quiet January week. */
const windowStarts = ['2026-03-05T00:00:00Z', '2026-03-26T00:00:00Z', '2026-10-22T00:00:00Z', '2026-10-29T00:00:00Z', '2026-04-02T00:00:00Z', '2026-01-08T00:00:00Z', '2026-09-24T00:00:00Z'];

/** Small deterministic generator (mulberry32) so a failure reproduces. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function randomCalendar(next: () => number): BusinessCalendar {
  const hours: Partial<Record<(typeof weekdays)[number], BusinessHoursRange[]>> = {};
  for (const weekday of weekdays) {
    if (next() < 0.25) continue;
    const ranges: BusinessHoursRange[] = [];
    let cursor = 240 + Math.floor(next() * 8) * 30; // from 04:00
    while (cursor < 1380 && ranges.length < 3) {
      const length = 30 + Math.floor(next() * 12) * 30;
      if (cursor >= 600 && next() < 0.3) {
        // Overnight to a morning time between 04:00 and 08:00.
        ranges.push({ start: hhmm(cursor), end: hhmm(240 + Math.floor(next() * 8) * 30) });
        break;
      }
      const end = Math.min(cursor + length, 1410);
      ranges.push({ start: hhmm(cursor), end: hhmm(end) });
      cursor = end + 30 + Math.floor(next() * 4) * 30;
    }
    hours[weekday] = ranges;
  }
  if (Object.keys(hours).length === 0) hours.wednesday = [{ start: '09:00', end: '17:00' }];
  const zone = zones[Math.floor(next() * zones.length)]!;
  return { timeZone: zone, hours, holidays: next() < 0.5 ? [{ date: '2026-03-27' }, { date: '2020-10-30', recurring: true }] : [] };
}

function oracle(calendar: BusinessCalendar) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: calendar.timeZone,
    hourCycle: 'h23',
    weekday: 'long',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const ranges = calendar.hours === '24x7' ? {} : calendar.hours;
  const holidays = calendar.holidays ?? [];
  const closed = (date: string) => holidays.some((holiday) => holiday.date === date || (holiday.recurring && holiday.date.slice(5) === date.slice(5)));
  const minutes = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3));
  return (instant: number): boolean => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    const wall = Number(parts.hour) * 60 + Number(parts.minute);
    const today = weekdays.indexOf(String(parts.weekday).toLowerCase() as (typeof weekdays)[number]);
    const yesterdayDate = new Date(Date.parse(`${date}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    const todayOpen = !closed(date) && (ranges[weekdays[today]!] ?? []).some((range) => {
      const [start, end] = [minutes(range.start), minutes(range.end)];
      return end > start ? wall >= start && wall < end : wall >= start;
    });
    const carriedOver = !closed(yesterdayDate) && (ranges[weekdays[(today + 6) % 7]!] ?? []).some((range) => {
      const [start, end] = [minutes(range.start), minutes(range.end)];
      return end <= start && wall < end;
    });
    return todayOpen || carriedOver;
  };
}

describe('business time agrees with a minute-by-minute oracle', () => {
  for (let seed = 1; seed <= 28; seed++) {
    it(`random calendar #${seed}`, () => {
      const next = random(seed);
      const calendar = randomCalendar(next);
      const isOpen = oracle(calendar);
      const windowStart = Date.parse(windowStarts[seed % windowStarts.length]!);
      const from = windowStart + Math.floor(next() * 2 * 24 * 60) * M;
      const to = from + Math.floor(next() * 8 * 24 * 60) * M;
      let openMinutes = 0;
      for (let minute = from; minute < to; minute += M) {
        const open = isOpen(minute);
        if (open) openMinutes += 1;
        if ((minute - from) % (37 * M) === 0) expect(isWithinBusinessHours(calendar, minute), new Date(minute).toISOString()).toBe(open);
      }
      expect(businessTimeBetween(calendar, from, to), JSON.stringify(calendar)).toBe(openMinutes * M);
    });
  }
});

describe('adding and measuring are inverse', () => {
  it('businessTimeBetween(s, addBusinessTime(s, d)) === d, and the result is the earliest such instant', () => {
    const next = random(4242);
    for (let trial = 0; trial < 400; trial++) {
      const calendar = trial % 5 === 0 ? { timeZone: zones[trial % zones.length]!, hours: '24x7' as const } : randomCalendar(next);
      const start = Date.parse(windowStarts[trial % windowStarts.length]!) + Math.floor(next() * 10 * DAY);
      const duration = Math.floor(next() * 60 * 3_600_000);
      const due = addBusinessTime(calendar, start, duration).getTime();
      expect(businessTimeBetween(calendar, start, due)).toBe(duration);
      if (duration > 0) expect(businessTimeBetween(calendar, start, due - 1)).toBe(duration - 1);
      // Splitting a duration in two gives the same due time: the property a paused-and-resumed clock relies on.
      const firstPart = Math.floor(duration / 3);
      const halfway = addBusinessTime(calendar, start, firstPart);
      expect(addBusinessTime(calendar, halfway, duration - firstPart).getTime()).toBe(due);
    }
  });
});
