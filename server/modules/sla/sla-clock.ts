/**
 * One SLA clock as a value, and the moves it can make. Pure: the calendar and the instant are passed in, nothing is
 * read or written here, so every rule is tested with hand-computed numbers (sla-clock.test.ts).
 *
 * A clock keeps `spentMs` (business time counted up to `runningSince`) and, while running, accrues from
 * `runningSince`. Every move first brings `spentMs` up to the instant of the move, so a pause, a priority change or
 * a new calendar never loses or double-counts time already spent.
 */
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../../../shared/business-time.js';
import type { SlaClockState } from '../../../shared/schemas/sla.js';

export interface ClockValue {
  state: SlaClockState;
  targetMs: number;
  warningPercent: number;
  spentMs: number;
  runningSince: string | null;
  startedAt: string;
  dueAt: string | null;
  warnAt: string | null;
  nextCheckAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  metAt: string | null;
}

/** The business time of the target at which the warning fires; integer ms, rounded down. */
export function warningThresholdMs(targetMs: number, warningPercent: number): number {
  return Math.floor((targetMs * warningPercent) / 100);
}

/** Business time spent by `at` (counting the running stretch). */
export function spentAt(calendar: BusinessCalendar, clock: ClockValue, at: string): number {
  if (clock.state !== 'running' || clock.runningSince === null) return clock.spentMs;
  return clock.spentMs + Math.max(0, businessTimeBetween(calendar, clock.runningSince, at));
}

/** Due, warning and next-check instants from the clock's counters: only a running clock can come due. */
function withSchedule(calendar: BusinessCalendar, clock: ClockValue): ClockValue {
  if (clock.state !== 'running' || clock.runningSince === null) {
    return { ...clock, dueAt: null, warnAt: null, nextCheckAt: null };
  }
  // Over target already (a lower target after a priority change): due at once, so the checker records the breach.
  const dueAt = addBusinessTime(calendar, clock.runningSince, Math.max(0, clock.targetMs - clock.spentMs)).toISOString();
  const warnAt = addBusinessTime(calendar, clock.runningSince, Math.max(0, warningThresholdMs(clock.targetMs, clock.warningPercent) - clock.spentMs)).toISOString();
  const pending = [clock.warnedAt === null && clock.breachedAt === null ? warnAt : null, clock.breachedAt === null ? dueAt : null].filter((value): value is string => value !== null);
  return { ...clock, dueAt, warnAt, nextCheckAt: pending.length > 0 ? pending.sort()[0]! : null };
}

/** Brings the counters up to `at`, leaving the clock in the same state. */
function settle(calendar: BusinessCalendar, clock: ClockValue, at: string): ClockValue {
  if (clock.state !== 'running' || clock.runningSince === null) return clock;
  return { ...clock, spentMs: spentAt(calendar, clock, at), runningSince: at };
}

export function startClock(calendar: BusinessCalendar, options: { targetMs: number; warningPercent: number; at: string; paused: boolean }): ClockValue {
  return withSchedule(calendar, {
    state: options.paused ? 'paused' : 'running',
    targetMs: options.targetMs,
    warningPercent: options.warningPercent,
    spentMs: 0,
    runningSince: options.paused ? null : options.at,
    startedAt: options.at,
    dueAt: null,
    warnAt: null,
    nextCheckAt: null,
    warnedAt: null,
    breachedAt: null,
    metAt: null,
  });
}

export function pauseClock(calendar: BusinessCalendar, clock: ClockValue, at: string): ClockValue {
  if (clock.state !== 'running') return clock;
  return withSchedule(calendar, { ...settle(calendar, clock, at), state: 'paused', runningSince: null });
}

/** Resumes a paused clock, or reopens a met one (a reopened ticket owes its resolution again). */
export function resumeClock(calendar: BusinessCalendar, clock: ClockValue, at: string): ClockValue {
  if (clock.state === 'running') return clock;
  return withSchedule(calendar, { ...clock, state: 'running', runningSince: at, metAt: null });
}

/** Stops the clock: `met` (answered, resolved) or `cancelled` (no longer owed). */
export function stopClock(calendar: BusinessCalendar, clock: ClockValue, at: string, outcome: 'met' | 'cancelled'): ClockValue {
  if (clock.state === 'met' || clock.state === 'cancelled') return clock;
  return withSchedule(calendar, { ...settle(calendar, clock, at), state: outcome, runningSince: null, metAt: outcome === 'met' ? at : null });
}

/**
 * A new target (priority or policy changed) or a new calendar: keeps the business time already spent and
 * recomputes the due time from `at`. A warning or breach already recorded stays recorded; a warning not yet
 * reached under the new target may fire later.
 */
export function retargetClock(
  oldCalendar: BusinessCalendar,
  newCalendar: BusinessCalendar,
  clock: ClockValue,
  options: { targetMs: number; warningPercent: number; at: string },
): ClockValue {
  const settled = settle(oldCalendar, clock, options.at);
  const spentNow = settled.spentMs;
  const warnedAt = settled.breachedAt === null && spentNow < warningThresholdMs(options.targetMs, options.warningPercent) ? null : settled.warnedAt;
  return withSchedule(newCalendar, { ...settled, targetMs: options.targetMs, warningPercent: options.warningPercent, warnedAt });
}

/** Records a warning and/or breach that came due by `now`; returns what was recorded. */
export function recordDue(calendar: BusinessCalendar, clock: ClockValue, now: string): { clock: ClockValue; warned: boolean; breached: boolean } {
  if (clock.state !== 'running') return { clock, warned: false, breached: false };
  const breached = clock.breachedAt === null && clock.dueAt !== null && clock.dueAt <= now;
  const warned = clock.warnedAt === null && clock.breachedAt === null && clock.warnAt !== null && clock.warnAt <= now;
  if (!breached && !warned) return { clock, warned, breached };
  // The instants recorded are when the thresholds were crossed, not when the checker noticed.
  const next = { ...clock, warnedAt: warned ? clock.warnAt : clock.warnedAt, breachedAt: breached ? clock.dueAt : clock.breachedAt };
  return { clock: withSchedule(calendar, next), warned, breached };
}

/** ok / warning / breached / paused / met / cancelled: what the desk colours a clock by. */
export function clockStatus(clock: ClockValue): 'ok' | 'warning' | 'breached' | 'paused' | 'met' | 'cancelled' {
  if (clock.state === 'met' || clock.state === 'cancelled') return clock.state;
  if (clock.breachedAt !== null) return 'breached';
  if (clock.state === 'paused') return 'paused';
  return clock.warnedAt !== null ? 'warning' : 'ok';
}
