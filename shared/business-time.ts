/**
 * Business-time arithmetic: how much working time lies between two instants, and which instant is reached after a
 * given amount of working time, in a calendar's own time zone. Pure and dependency-free (server and browser); time
 * zones come from the built-in Intl database. All arithmetic is on integer milliseconds.
 *
 * Semantics (each one decides a hand-computed test):
 * - A range `start`–`end` is open from the first instant the wall clock shows `start` to the first instant it shows
 *   `end`, end exclusive. An `end` at or before `start` (22:00–06:00) runs overnight and belongs to the day it
 *   starts on: a holiday on that day closes it, a holiday on the next day does not. `24:00` means midnight after.
 * - Spring forward: a wall time that never happens (01:30 on the night London skips 01:00–02:00) is reached at the
 *   transition itself, so a range containing the missing hour is an hour shorter.
 * - Fall back: a wall time that happens twice is reached at its first occurrence, so a range containing the repeated
 *   hour is an hour longer; real time passed and the desk was staffed.
 * - 24×7 is every day 00:00–24:00; holidays, if any are listed, still close their whole local day.
 * - Ranges that overlap (Monday 22:00–06:00 and Tuesday 05:00–13:00) count their union once.
 */

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

export interface BusinessHoursRange {
  /** Opening wall time, `HH:MM` (00:00–23:59). */
  start: string;
  /** Closing wall time, `HH:MM`; `24:00` is midnight after; at or before `start` means the next day. */
  end: string;
}

export interface Holiday {
  /** Local date `YYYY-MM-DD`. */
  date: string;
  /** Also closed on this month and day every year. */
  recurring?: boolean;
  name?: string;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/London`. */
  timeZone: string;
  /** `'24x7'`, or the ranges of each weekday (a missing day is closed). */
  hours: '24x7' | Partial<Record<Weekday, BusinessHoursRange[]>>;
  holidays?: Holiday[];
}

export type BusinessCalendarErrorCode =
  | 'invalid_time_zone'
  | 'invalid_time_range'
  | 'invalid_holiday'
  | 'calendar_has_no_hours'
  | 'invalid_duration'
  | 'invalid_instant';

export class BusinessCalendarError extends Error {
  constructor(
    readonly code: BusinessCalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BusinessCalendarError';
  }
}

export type InstantInput = Date | string | number;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Offsets on Earth lie within −12:00…+14:00; 26 h bounds any local day's distance from its UTC date. */
const MAX_OFFSET_SPREAD = 26 * 3_600_000;
/** A calendar with hours but no open day in this many days (holidays covering everything) is an error, not a hang. */
const SEARCH_LIMIT_DAYS = 8 * 366;

interface LocalRange {
  startMinute: number;
  endMinute: number;
  overnight: boolean;
}

interface CompiledCalendar {
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday, as `(epochDay + 4) % 7` gives. */
  rangesByDay: LocalRange[][];
  holidayDays: Set<number>;
  recurringHolidays: Set<string>;
  /** Business intervals of each local day (epoch day number), computed once. */
  dayCache: Map<number, Array<readonly [number, number]>>;
}

const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

// ---------------------------------------------------------------------------------------------------------------
// Time zone offsets through Intl

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new BusinessCalendarError('invalid_time_zone', `Unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset at an instant straight from Intl (several calls per lookup; the cache below avoids them). */
function intlOffset(timeZone: string, instantMs: number): number {
  const wholeSeconds = Math.floor(instantMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  let beforeChrist = false;
  for (const part of formatterFor(timeZone).formatToParts(wholeSeconds)) {
    if (part.type === 'era') beforeChrist = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = beforeChrist ? 1 - (fields.year ?? 0) : (fields.year ?? 0);
  const wall = Date.UTC(year, (fields.month ?? 1) - 1, fields.day ?? 1, (fields.hour ?? 0) % 24, fields.minute ?? 0, fields.second ?? 0);
  // Date.UTC maps years 0–99 to 1900–1999; the offset only matters for modern dates, so correct and move on.
  const corrected = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return corrected - wholeSeconds;
}

/**
 * A zone's offsets over one span of time: the offset at its start and each transition in it (the first whole
 * second showing the new offset). Found once by sampling Intl every few hours and bisecting each change to the
 * second, so walking the days of a ticket's age costs a binary search instead of Intl calls. Zones change their
 * offset at most a few times a year, never twice within hours, so the sampling step misses none.
 */
interface OffsetSpan {
  offsetAtStart: number;
  transitionAt: number[];
  offsetAfter: number[];
}

/** 2^25 s ≈ 388 days per span; spans are aligned to multiples of it so an instant's span is a division away. */
const SPAN_MS = 2 ** 25 * 1000;
const SAMPLE_MS = 6 * 3_600_000;
const MAX_DATE_MS = 8.64e15;
const offsetSpans = new Map<string, Map<number, OffsetSpan>>();

function offsetSpan(timeZone: string, spanIndex: number): OffsetSpan {
  let spans = offsetSpans.get(timeZone);
  if (!spans) {
    spans = new Map();
    offsetSpans.set(timeZone, spans);
  }
  let span = spans.get(spanIndex);
  if (span) return span;
  // Clamped to the range a Date can hold, which Intl refuses to step outside.
  const start = Math.max(spanIndex * SPAN_MS, -MAX_DATE_MS);
  const end = Math.min(spanIndex * SPAN_MS + SPAN_MS, MAX_DATE_MS);
  const offsetAtStart = intlOffset(timeZone, start);
  const transitionAt: number[] = [];
  const offsetAfter: number[] = [];
  let previousAt = start;
  let previousOffset = offsetAtStart;
  for (let sampleAt = Math.min(start + SAMPLE_MS, end); ; sampleAt = Math.min(sampleAt + SAMPLE_MS, end)) {
    const offset = intlOffset(timeZone, sampleAt);
    if (offset !== previousOffset) {
      let low = previousAt;
      let high = sampleAt;
      while (high - low > 1000) {
        const middle = Math.floor((low + high) / 2000) * 1000;
        if (intlOffset(timeZone, middle) === previousOffset) low = middle;
        else high = middle;
      }
      transitionAt.push(high);
      offsetAfter.push(offset);
      previousOffset = offset;
    }
    previousAt = sampleAt;
    if (sampleAt >= end) break;
  }
  span = { offsetAtStart, transitionAt, offsetAfter };
  // A span holds a year; a server that is asked about thousands of years keeps memory bounded all the same.
  if (spans.size > 2_000) spans.clear();
  spans.set(spanIndex, span);
  return span;
}

/** The zone's offset from UTC at an instant, in ms (wall time = instant + offset). */
export function timeZoneOffset(timeZone: string, instantMs: number): number {
  const wholeSeconds = Math.floor(instantMs / 1000) * 1000;
  const span = offsetSpan(timeZone, Math.floor(wholeSeconds / SPAN_MS));
  const transitions = span.transitionAt;
  let offset = span.offsetAtStart;
  for (let index = 0; index < transitions.length && transitions[index]! <= wholeSeconds; index++) offset = span.offsetAfter[index]!;
  return offset;
}

/**
 * The instant a wall time (given as if it were UTC) is first shown in the zone: the earlier of two occurrences when
 * clocks fall back, the transition itself when the wall time is skipped.
 */
export function wallTimeToInstant(timeZone: string, wallMs: number): number {
  const offsetBefore = timeZoneOffset(timeZone, wallMs - DAY);
  const offsetAfter = timeZoneOffset(timeZone, wallMs + DAY);
  const candidates: number[] = [];
  for (const offset of offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter]) {
    const instant = wallMs - offset;
    if (timeZoneOffset(timeZone, instant) === offset) candidates.push(instant);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  // Skipped: clocks jumped from before `wallMs` to after it. Find the transition between the two readings.
  let low = wallMs - Math.max(offsetBefore, offsetAfter); // shown with the later offset: before the jump
  let high = wallMs - Math.min(offsetBefore, offsetAfter); // past the jump
  const lowOffset = timeZoneOffset(timeZone, low);
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2000) * 1000;
    if (timeZoneOffset(timeZone, middle) === lowOffset) low = middle;
    else high = middle;
  }
  return high;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar validation and day intervals

function parseWallTime(value: string, allowMidnightAfter: boolean): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && (minutes !== 0 || !allowMidnightAfter))) {
    throw new BusinessCalendarError('invalid_time_range', `"${value}" is not a wall time HH:MM`);
  }
  return hours * 60 + minutes;
}

function parseLocalDate(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const epochMs = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(epochMs).toISOString().slice(0, 10) !== value) {
    throw new BusinessCalendarError('invalid_holiday', `"${value}" is not a date YYYY-MM-DD`);
  }
  return epochMs / DAY;
}

/** Checks a calendar and prepares it for fast arithmetic; throws `BusinessCalendarError` on anything invalid. */
function compile(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  formatterFor(calendar.timeZone);
  const rangesByDay: LocalRange[][] = [[], [], [], [], [], [], []];
  weekdays.forEach((weekday, mondayIndex) => {
    const ranges: BusinessHoursRange[] =
      calendar.hours === '24x7' ? [{ start: '00:00', end: '24:00' }] : (calendar.hours[weekday] ?? []);
    const dayIndex = (mondayIndex + 1) % 7;
    for (const range of ranges) {
      const startMinute = parseWallTime(range.start, false);
      const endMinute = parseWallTime(range.end, true);
      if (startMinute === endMinute) {
        throw new BusinessCalendarError('invalid_time_range', `${weekday} ${range.start}–${range.end} is empty; a whole day is 00:00–24:00`);
      }
      rangesByDay[dayIndex]!.push({ startMinute, endMinute, overnight: endMinute < startMinute });
    }
    rangesByDay[dayIndex]!.sort((a, b) => a.startMinute - b.startMinute);
  });
  if (rangesByDay.every((ranges) => ranges.length === 0)) {
    throw new BusinessCalendarError('calendar_has_no_hours', 'The calendar has no business hours on any day');
  }
  const holidayDays = new Set<number>();
  const recurringHolidays = new Set<string>();
  for (const holiday of calendar.holidays ?? []) {
    const day = parseLocalDate(holiday.date);
    if (holiday.recurring) recurringHolidays.add(holiday.date.slice(5));
    else holidayDays.add(day);
  }
  const compiled: CompiledCalendar = { timeZone: calendar.timeZone, rangesByDay, holidayDays, recurringHolidays, dayCache: new Map() };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

/** Throws `BusinessCalendarError` if the calendar is unusable; returns it otherwise. */
export function validateBusinessCalendar(calendar: BusinessCalendar): BusinessCalendar {
  compile(calendar);
  return calendar;
}

function isHoliday(calendar: CompiledCalendar, epochDay: number): boolean {
  if (calendar.holidayDays.has(epochDay)) return true;
  if (calendar.recurringHolidays.size === 0) return false;
  return calendar.recurringHolidays.has(new Date(epochDay * DAY).toISOString().slice(5, 10));
}

/** The instants during which the ranges starting on one local day are open, in order of opening. */
function dayIntervals(calendar: CompiledCalendar, epochDay: number): ReadonlyArray<readonly [number, number]> {
  const cached = calendar.dayCache.get(epochDay);
  if (cached) return cached;
  const intervals: Array<readonly [number, number]> = [];
  if (!isHoliday(calendar, epochDay)) {
    for (const range of calendar.rangesByDay[(((epochDay + 4) % 7) + 7) % 7]!) {
      const dayStart = epochDay * DAY;
      const opens = wallTimeToInstant(calendar.timeZone, dayStart + range.startMinute * MINUTE);
      const closes = wallTimeToInstant(calendar.timeZone, dayStart + (range.overnight ? DAY : 0) + range.endMinute * MINUTE);
      if (closes > opens) intervals.push([opens, closes]);
    }
  }
  if (calendar.dayCache.size > 50_000) calendar.dayCache.clear();
  calendar.dayCache.set(epochDay, intervals);
  return intervals;
}

/**
 * Disjoint business intervals in ascending order, clipped to begin at `fromMs`; stops once intervals can no longer
 * start before `untilMs`. Overlapping ranges are trimmed against what was already yielded, so each ms counts once.
 */
function* intervalsFrom(calendar: CompiledCalendar, fromMs: number, untilMs: number): Generator<readonly [number, number]> {
  // Start a day early: the previous local day's overnight range may still be open at `fromMs`.
  let epochDay = Math.floor((fromMs + timeZoneOffset(calendar.timeZone, fromMs)) / DAY) - 1;
  let frontier = fromMs;
  let emptyDays = 0;
  while (epochDay * DAY - MAX_OFFSET_SPREAD < untilMs) {
    const intervals = dayIntervals(calendar, epochDay);
    for (const [opens, closes] of intervals) {
      const start = Math.max(opens, frontier);
      if (closes > start) {
        frontier = closes;
        emptyDays = 0;
        yield [start, closes];
      }
    }
    if (intervals.length === 0 && ++emptyDays > SEARCH_LIMIT_DAYS) {
      throw new BusinessCalendarError('calendar_has_no_hours', `The calendar has no business hours in the ${SEARCH_LIMIT_DAYS} days after ${new Date(fromMs).toISOString()}`);
    }
    epochDay += 1;
  }
}

function toMs(instant: InstantInput): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new BusinessCalendarError('invalid_instant', `"${String(instant)}" is not an instant`);
  return ms;
}

// ---------------------------------------------------------------------------------------------------------------
// The public arithmetic

/**
 * The earliest instant at which `durationMs` of business time has elapsed since `start`. A zero duration returns
 * `start` itself, even outside hours; a duration that ends exactly at closing returns the closing instant, not the
 * next opening.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: InstantInput, durationMs: number): Date {
  const compiled = compile(calendar);
  const startMs = toMs(start);
  if (!Number.isSafeInteger(durationMs) || durationMs < 0) {
    throw new BusinessCalendarError('invalid_duration', `A business duration is a whole, non-negative number of ms, not ${durationMs}`);
  }
  if (durationMs === 0) return new Date(startMs);
  let remaining = durationMs;
  for (const [opens, closes] of intervalsFrom(compiled, startMs, Number.POSITIVE_INFINITY)) {
    if (closes - opens >= remaining) return new Date(opens + remaining);
    remaining -= closes - opens;
  }
  /* c8 ignore next */
  throw new BusinessCalendarError('calendar_has_no_hours', 'The calendar ran out of business hours');
}

/** Business time in ms from `from` to `to`; negative when `to` is before `from`. */
export function businessTimeBetween(calendar: BusinessCalendar, from: InstantInput, to: InstantInput): number {
  const compiled = compile(calendar);
  const fromMs = toMs(from);
  const toMsValue = toMs(to);
  if (toMsValue < fromMs) return -businessTimeBetween(calendar, to, from);
  let total = 0;
  for (const [opens, closes] of intervalsFrom(compiled, fromMs, toMsValue)) {
    if (opens >= toMsValue) break;
    total += Math.min(closes, toMsValue) - opens;
  }
  return total;
}

/** True when the desk is open at `at` (opening instant included, closing instant excluded). */
export function isWithinBusinessHours(calendar: BusinessCalendar, at: InstantInput): boolean {
  const atMs = toMs(at);
  for (const [opens] of intervalsFrom(compile(calendar), atMs, atMs + 1)) return opens === atMs;
  return false;
}

/** `at` itself when open, otherwise the next opening instant. */
export function nextBusinessInstant(calendar: BusinessCalendar, at: InstantInput): Date {
  const atMs = toMs(at);
  for (const [opens] of intervalsFrom(compile(calendar), atMs, Number.POSITIVE_INFINITY)) return new Date(opens);
  /* c8 ignore next */
  throw new BusinessCalendarError('calendar_has_no_hours', 'The calendar ran out of business hours');
}
