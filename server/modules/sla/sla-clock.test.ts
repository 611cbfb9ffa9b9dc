import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../../shared/business-time.js';
import { clockStatus, pauseClock, recordDue, resumeClock, retargetClock, spentAt, startClock, stopClock } from './sla-clock.js';

// Calendar: Europe/Berlin, Mon–Fri 09:00–17:00 (8 h). January 2026: CET = UTC+1, so 09:00 local = 08:00Z.
// 2026-01-12 is a Monday. Every expected value is worked out by hand beside it.
const H = 3_600_000;
const berlinOffice: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ start: '09:00', end: '17:00' }]])),
};
const twentyFourSeven: BusinessCalendar = { timeZone: 'Europe/Berlin', hours: '24x7' };

describe('an SLA clock', () => {
  it('starts with due and warning instants in business time', () => {
    // Mon 10:00 CET (09:00Z), target 8 h: 10:00–17:00 = 7 h, Tue 09:00 + 1 h → Tue 10:00 CET = 09:00Z.
    // Warning at 75 % = 6 h: Mon 10:00 + 6 h → 16:00 CET = 15:00Z.
    const clock = startClock(berlinOffice, { targetMs: 8 * H, warningPercent: 75, at: '2026-01-12T09:00:00.000Z', paused: false });
    expect(clock.dueAt).toBe('2026-01-13T09:00:00.000Z');
    expect(clock.warnAt).toBe('2026-01-12T15:00:00.000Z');
    expect(clock.nextCheckAt).toBe('2026-01-12T15:00:00.000Z');
  });

  it('keeps time spent across a pause and a resume', () => {
    // Start Mon 10:00 CET, target 8 h. Pause Mon 12:00 CET (11:00Z): spent 2 h.
    // Resume Wed 14:00 CET (13:00Z): 6 h left: Wed 14:00–17:00 = 3 h, Thu 09:00 + 3 h → Thu 12:00 CET = 11:00Z.
    const started = startClock(berlinOffice, { targetMs: 8 * H, warningPercent: 75, at: '2026-01-12T09:00:00.000Z', paused: false });
    const paused = pauseClock(berlinOffice, started, '2026-01-12T11:00:00.000Z');
    expect(paused.spentMs).toBe(2 * H);
    expect(paused.dueAt).toBeNull();
    expect(clockStatus(paused)).toBe('paused');
    const resumed = resumeClock(berlinOffice, paused, '2026-01-14T13:00:00.000Z');
    expect(resumed.dueAt).toBe('2026-01-15T11:00:00.000Z');
    // Warning at 6 h spent: 4 h after resuming: Wed 14:00–17:00 = 3 h, Thu 09:00 + 1 h → 10:00 CET = 09:00Z.
    expect(resumed.warnAt).toBe('2026-01-15T09:00:00.000Z');
  });

  it('recomputes the due time after a priority change halfway, keeping time spent', () => {
    // Start Mon 09:00 CET (08:00Z), target 16 h (two business days). At Mon 13:00 CET (12:00Z) 4 h are spent;
    // the priority rises and the target becomes 6 h: 2 h left → Mon 15:00 CET = 14:00Z.
    // Warning 75 % of 6 h = 4.5 h: 0.5 h after the change → 13:30 CET = 12:30Z.
    const started = startClock(berlinOffice, { targetMs: 16 * H, warningPercent: 75, at: '2026-01-12T08:00:00.000Z', paused: false });
    const changed = retargetClock(berlinOffice, berlinOffice, started, { targetMs: 6 * H, warningPercent: 75, at: '2026-01-12T12:00:00.000Z' });
    expect(changed.spentMs).toBe(4 * H);
    expect(changed.dueAt).toBe('2026-01-12T14:00:00.000Z');
    expect(changed.warnAt).toBe('2026-01-12T12:30:00.000Z');
  });

  it('is due at once when a lower target is already exceeded', () => {
    // 24×7, start 00:00Z, 5 h spent at 05:00Z; target lowered to 4 h → due at the change, 05:00Z.
    const started = startClock(twentyFourSeven, { targetMs: 8 * H, warningPercent: 75, at: '2026-01-12T00:00:00.000Z', paused: false });
    const changed = retargetClock(twentyFourSeven, twentyFourSeven, started, { targetMs: 4 * H, warningPercent: 75, at: '2026-01-12T05:00:00.000Z' });
    expect(changed.dueAt).toBe('2026-01-12T05:00:00.000Z');
  });

  it('records warning and breach at the instants they came due, once', () => {
    // 24×7, start 00:00Z, target 4 h: warning at 3 h = 03:00Z, breach at 04:00Z. The checker looks at 06:00Z.
    const started = startClock(twentyFourSeven, { targetMs: 4 * H, warningPercent: 75, at: '2026-01-12T00:00:00.000Z', paused: false });
    const first = recordDue(twentyFourSeven, started, '2026-01-12T06:00:00.000Z');
    expect(first).toMatchObject({ warned: true, breached: true });
    expect(first.clock.warnedAt).toBe('2026-01-12T03:00:00.000Z');
    expect(first.clock.breachedAt).toBe('2026-01-12T04:00:00.000Z');
    expect(first.clock.nextCheckAt).toBeNull();
    expect(recordDue(twentyFourSeven, first.clock, '2026-01-12T07:00:00.000Z')).toMatchObject({ warned: false, breached: false });
    // Overdue by 06:00Z: spent 6 h against 4 h.
    expect(spentAt(twentyFourSeven, first.clock, '2026-01-12T06:00:00.000Z')).toBe(6 * H);
  });

  it('resumes the resolution clock on reopen with the time already spent', () => {
    // Start Mon 09:00 CET (08:00Z), target 16 h; resolved Mon 15:00 CET (14:00Z): spent 6 h, met.
    // Reopened Tue 11:00 CET (10:00Z): 10 h left: Tue 11:00–17:00 = 6 h, Wed 09:00 + 4 h → 13:00 CET = 12:00Z.
    const started = startClock(berlinOffice, { targetMs: 16 * H, warningPercent: 75, at: '2026-01-12T08:00:00.000Z', paused: false });
    const met = stopClock(berlinOffice, started, '2026-01-12T14:00:00.000Z', 'met');
    expect(met).toMatchObject({ state: 'met', spentMs: 6 * H, metAt: '2026-01-12T14:00:00.000Z' });
    const reopened = resumeClock(berlinOffice, met, '2026-01-13T10:00:00.000Z');
    expect(reopened).toMatchObject({ state: 'running', metAt: null, dueAt: '2026-01-14T12:00:00.000Z' });
  });

  it('starts paused when the ticket is created in a pausing status', () => {
    const clock = startClock(berlinOffice, { targetMs: H, warningPercent: 75, at: '2026-01-12T08:00:00.000Z', paused: true });
    expect(clock).toMatchObject({ state: 'paused', dueAt: null, nextCheckAt: null, spentMs: 0 });
  });
});
